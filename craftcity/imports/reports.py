"""The per-row report of an import as a spreadsheet the registrar can sort, filter and send back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from craftcity.core.exporters import RowsExporter, xlsx_bytes

from .issues import Severity, render_issue
from .models import ImportBatch


class ImportReport:
    """Yields a header then rows, per sheet: the problems of each row, then the likely duplicates."""

    def __init__(self, batch: ImportBatch):
        self.batch = batch

    def problems(self) -> Iterator[list]:
        yield [_("File"), _("Row"), _("Column"), _("Value"), _("What is wrong"), _("Severity")]
        for issue in self.batch.issues:
            severity = _("rejected") if issue.get("severity") == Severity.ERROR else _("skipped")
            yield [
                self.batch.file_name,
                issue.get("row"),
                issue.get("column", ""),
                issue.get("value", ""),
                render_issue(issue),
                severity,
            ]

    def duplicates(self) -> Iterator[list]:
        yield [_("File"), _("Row"), _("Name in the file"), _("Looks like"), _("Birth year"), _("Score")]
        for candidate in self.batch.candidates:
            if "person" in candidate:
                target = _("person #%(id)s: %(name)s") % {"id": candidate["person"], "name": candidate["name"]}
            else:
                target = _("row %(row)s of this file: %(name)s") % {
                    "row": candidate["file_row"],
                    "name": candidate["name"],
                }
            yield [
                self.batch.file_name,
                candidate["row"],
                candidate["full_name"],
                target,
                candidate.get("birth_year"),
                candidate["score"],
            ]

    def sheets(self) -> list[tuple[str, Iterator[list]]]:
        return [(_("Problems"), self.problems()), (_("Likely duplicates"), self.duplicates())]


def report_bytes(batch: ImportBatch) -> bytes:
    return xlsx_bytes([RowsExporter(title, rows) for title, rows in ImportReport(batch).sheets()])


def write_report(batch: ImportBatch, path: Path) -> Path:
    path = Path(path)
    path.write_bytes(report_bytes(batch))
    return path
