import time

from django.core.management.base import BaseCommand

from craftcity.search.documents import INDEXERS
from craftcity.search.services import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every public record (or of the kinds named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", choices=sorted(INDEXERS), help="Only these kinds.")

    def handle(self, *args, kinds, **options):
        started = time.perf_counter()

        def progress(kind, done):
            self.stderr.write(f"\r{kind}: {done}", ending="")

        total = index_rebuild(kinds or None, progress=progress if options["verbosity"] > 0 else None)
        self.stderr.write("")
        self.stdout.write(f"Indexed {total} records in {time.perf_counter() - started:.1f} s.")
