from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from craftcity.backup.archive import BackupError, restore


class Command(BaseCommand):
    help = "Restore an archive written by `backup`: the database and every uploaded file, checked against its manifest."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already holds data (it is lost)."
        )

    def handle(self, *args, archive: Path, force: bool, **options):
        try:
            summary = restore(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {summary.path}: {summary.tables} tables, {summary.rows} rows, {summary.files} files"
        )
