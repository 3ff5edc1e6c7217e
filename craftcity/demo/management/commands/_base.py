"""What the data commands share: a dry run that rolls back, a change batch, and counts on exit."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from craftcity.audit.context import change_batch
from craftcity.audit.models import ChangeBatch


class DryRunRollback(Exception):
    """Raised inside the transaction to undo a dry run."""


class DataCommand(BaseCommand):
    """A command that writes inside one transaction and one change batch; `--dry-run` rolls both back."""

    batch_label = ""

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Do the work, report it, then roll it back.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        self.verbosity = verbosity
        stats: dict = {}
        try:
            with transaction.atomic():
                with change_batch(label=self.batch_label, kind=ChangeBatch.Kind.DEMO, reuse=False) as batch:
                    self.run(stats=stats, **options)
                if not any(stats.values()):
                    self._forget(batch)
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            self.report(stats, prefix="dry run, rolled back: ")
            return
        except CommandError:
            raise
        except Exception as exc:  # scripts read the exit code; humans read the message
            raise CommandError(f"{type(exc).__name__}: {exc}") from exc
        self.report(stats)

    @staticmethod
    def _forget(batch) -> None:
        """Nothing happened: leave no empty batch behind (keep it if anything already refers to it)."""
        try:
            with transaction.atomic():
                batch.delete()
        except Exception:  # an empty batch row is harmless
            pass

    def run(self, *, stats: dict, **options) -> None:
        raise NotImplementedError

    def progress(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(message)

    def report(self, stats: dict, prefix: str = "") -> None:
        changed = {key: value for key, value in sorted(stats.items()) if value}
        if not changed:
            self.stdout.write(self.style.SUCCESS(f"{prefix}nothing to do: everything is already loaded."))
            return
        self.stdout.write(self.style.SUCCESS(prefix + ", ".join(f"{k} {v}" for k, v in changed.items())))
