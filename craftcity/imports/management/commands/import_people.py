"""craftcity import_people FILE: a regional list of people into the registry, as one undoable batch."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from craftcity.imports.issues import ImportFileError, render_issue
from craftcity.imports.models import ImportBatch
from craftcity.imports.reports import write_report
from craftcity.imports.services import import_people, import_source_get_or_create

EXIT_OK, EXIT_FILE_ERROR, EXIT_ROWS_REJECTED = 0, 1, 2


class ProgressBar:
    """A one-line bar on stderr, redrawn at most ten times a second; tqdm is not a dependency."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width, self.last = stream, width, 0.0
        self.is_tty = getattr(stream, "isatty", lambda: False)()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        finished = total is not None and done >= total
        if not finished and now - self.last < (0.1 if self.is_tty else 5):
            return
        self.last = now
        if total:
            share = min(done / total, 1)
            bar = "#" * int(share * self.width)
            line = f"{stage:>10} [{bar:<{self.width}}] {done}/{total}"
        else:
            line = f"{stage:>10} {done} rows"
        self.stream.write(("\r" if self.is_tty else "") + line + ("" if self.is_tty and not finished else "\n"))
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import people from a CSV or XLSX list. Exit code 0 when every row was fine, 2 when rows were "
        "rejected, 1 when the file could not be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", help="Who sent the list; its column mapping is saved and reused.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would happen; write nothing.")
        parser.add_argument(
            "--valid-rows-only", action="store_true", help="Import the valid rows even when others are rejected."
        )
        parser.add_argument("--report", type=Path, help="Write the per-row report to this XLSX file.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="Map a column of the file to a field (full_name, birth_year, phone, region, craft…).",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=EXIT_FILE_ERROR)
        mapping = {}
        for item in options["map"]:
            column, _sep, name = item.partition("=")
            if not name:
                raise CommandError(f"--map needs COLUMN=FIELD, got {item!r}", returncode=EXIT_FILE_ERROR)
            mapping[column.strip()] = name.strip()
        if options["dry_run"]:
            mode = ImportBatch.Mode.DRY_RUN
        elif options["valid_rows_only"]:
            mode = ImportBatch.Mode.VALID_ROWS
        else:
            mode = ImportBatch.Mode.ALL_OR_NOTHING
        source = import_source_get_or_create(name=options["source"]) if options["source"] else None
        try:
            result = import_people(
                path=path, source=source, mode=mode, column_mapping=mapping, progress=ProgressBar(self.stderr._out)
            )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error.message}", returncode=EXIT_FILE_ERROR) from error
        batch = result.batch
        for issue in batch.issues:
            where = f"{path.name}:{issue['row']}" if issue.get("row") else path.name
            column = f" [{issue['column']}]" if issue.get("column") else ""
            self.stderr.write(f"{where}{column}: {render_issue(issue)}")
        if options["report"]:
            write_report(batch, options["report"])
        self.stdout.write(
            f"{batch.get_status_display()}: {batch.rows_total} rows read, {batch.rows_created} "
            f"{'would be created' if mode == ImportBatch.Mode.DRY_RUN else 'created'}, "
            f"{batch.rows_unchanged} already in the registry, {batch.rows_rejected} rejected, "
            f"{batch.rows_enriched} added to people already in the registry, {batch.rows_drafted} drafts in the "
            f"duplicates queue, {batch.organizations_created} new organizations ({batch.duration_seconds:.1f} s)."
        )
        for unknown in batch.unknown_values:
            rows = ", ".join(str(row) for row in unknown["rows"][:10]) + (" …" if unknown["count"] > 10 else "")
            self.stderr.write(
                f"{path.name}: unknown {unknown['vocabulary']} “{unknown['value']}” in {unknown['count']} rows "
                f"({rows}); decide it in the back office's mapping table (Imports → this run)."
            )
        if batch.rows_rejected:
            advice = (
                "the valid rows were imported, the others were not"
                if mode == ImportBatch.Mode.VALID_ROWS
                else "nothing was imported; fix them or use --valid-rows-only"
            )
            raise CommandError(f"{batch.rows_rejected} rows rejected: {advice}.", returncode=EXIT_ROWS_REJECTED)
