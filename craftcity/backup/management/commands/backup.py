from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from craftcity.backup.archive import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and every uploaded file to one archive with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="The archive to write, e.g. /var/backups/craftcity-2026-12-05.tar")

    def handle(self, *args, out: Path, **options):
        try:
            summary = backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{summary.path}: {summary.tables} tables, {summary.rows} rows, {summary.files} files "
            f"({summary.bytes / 1e6:.1f} MB of files), {summary.path.stat().st_size / 1e6:.1f} MB in all"
        )
