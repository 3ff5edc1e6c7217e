"""craftcity find_duplicates [--dry-run] [--threshold P]: score the registry and queue likely duplicates."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from craftcity.linkage.services import REVIEW_THRESHOLD, duplicates_find


class Command(BaseCommand):
    help = (
        "Compare every active person with the rest of the registry (all name forms, birth year, region, craft, "
        "phone, e-mail, organization) and queue the likely duplicates for review. Rejected pairs stay rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would be queued; write nothing.")
        parser.add_argument(
            "--threshold",
            type=float,
            default=REVIEW_THRESHOLD,
            help=f"Match probability a pair needs to be queued, between 0 and 1 (default {REVIEW_THRESHOLD}).",
        )

    def handle(self, *args, dry_run=False, threshold=REVIEW_THRESHOLD, verbosity=1, **options):
        if not 0.0 < threshold < 1.0:
            raise CommandError("--threshold must be a probability strictly between 0 and 1.")
        started = time.perf_counter()

        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stderr.write(message)

        result = duplicates_find(threshold=threshold, dry_run=dry_run, progress=progress)
        if verbosity >= 2:
            for pair in result.pairs:
                self.stdout.write(f"  #{pair.first} ≟ #{pair.second}  p={pair.probability:.3f}  w={pair.weight:+.1f}")
        prefix = "dry run, nothing written: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{len(result.pairs)} likely duplicate pairs; {result.created} new, {result.updated} "
                f"refreshed, {result.kept_rejected} already decided, {result.skipped_related} skipped as relatives "
                f"({time.perf_counter() - started:.1f}s)."
            )
        )
