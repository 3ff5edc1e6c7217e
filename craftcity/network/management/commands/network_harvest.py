from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from craftcity.network.models import HarvestReport
from craftcity.network.services import network_harvest


class Command(BaseCommand):
    help = (
        "Harvest the partner cities' change streams from where the last harvest stopped and print a report per "
        "city (new, updated, deleted, ignored, failed). Exits 1 when any city failed; the others are harvested."
    )

    def add_arguments(self, parser):
        parser.add_argument("--city", metavar="SLUG", help="Harvest only this partner.")

    def handle(self, *args, city=None, **options):
        verbosity = int(options.get("verbosity", 1))

        def progress(partner, stream, counts):
            if verbosity > 1:
                self.stderr.write(f"  {partner.slug} {stream.kind}: {counts.created} new, {counts.updated} updated")

        try:
            run = network_harvest(slug=city, trigger="command", progress=progress)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        failed = False
        for report in run.reports.select_related("city").order_by("city__slug"):
            line = (
                f"{report.city.slug}: {report.get_outcome_display()} — {report.created} new, {report.updated} "
                f"updated, {report.deleted} deleted, {report.ignored} ignored, {report.failed} failed "
                f"({report.pages} pages, {report.seconds:.1f} s)"
            )
            if report.outcome == HarvestReport.Outcome.FAILED:
                failed = True
                self.stdout.write(self.style.ERROR(line))
            else:
                self.stdout.write(self.style.SUCCESS(line))
            if report.error:
                for error_line in report.error.splitlines():
                    self.stdout.write(f"    {error_line}")
        if not run.reports.exists():
            self.stdout.write("No partner cities; add one with `craftcity network_add URL`.")
        if failed:
            raise CommandError("some cities could not be harvested (see above)", returncode=1)
