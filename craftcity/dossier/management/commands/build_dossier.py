import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from craftcity.dossier.services import DossierError, dossier_build


class Command(BaseCommand):
    help = (
        "Build the evidence dossier (PDF with charts) and its annexes (XLSX) from the registry as it stood on a date. "
        "Nothing is written unless both files are complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="The date the figures describe, YYYY-MM-DD.")
        parser.add_argument("--template", required=True, help="wcc (World Craft City) or uccn (UNESCO monitoring).")
        parser.add_argument("--lang", required=True, help="kk, ru or en.")
        parser.add_argument("--out", required=True, help="The PDF to write.")
        parser.add_argument("--annexes", help="The XLSX to write (default: next to the PDF, .xlsx).")

    def handle(self, *args, as_of, template, lang, out, annexes=None, verbosity=1, **options):
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError as error:
            raise CommandError(f"--as-of must be a date written YYYY-MM-DD, not {as_of!r}.") from error

        def progress(percent: int, message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(f"{percent:3d}% {message}")

        try:
            pdf, xlsx = dossier_build(
                as_of=day,
                template=template,
                language=lang,
                out=Path(out),
                annexes=Path(annexes) if annexes else None,
                progress=progress,
            )
        except DossierError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"wrote {pdf} and {xlsx}"))
