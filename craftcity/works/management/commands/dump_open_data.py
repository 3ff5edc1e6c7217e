from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from craftcity.works.opendata import dump_open_data


class Command(BaseCommand):
    help = "Write CSV and JSON-LD dumps of every public work, person and organization (CC BY 4.0)."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=None, help="Folder (default: CRAFTCITY_OPEN_DATA_DIR).")
        parser.add_argument("--base-url", default=getattr(settings, "CRAFTCITY_PUBLIC_URL", "http://localhost:8000"))

    def handle(self, *args, out=None, base_url="", **options):
        out = out or Path(settings.CRAFTCITY_OPEN_DATA_DIR)

        def progress(kind, count):
            self.stderr.write(f"  {kind}: {count} rows…")

        counts = dump_open_data(out=out, base=base_url.rstrip("/"), progress=progress)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} rows")
        self.stdout.write(self.style.SUCCESS(f"Dumps written to {out}"))
