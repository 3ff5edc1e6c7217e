"""The per-row report of an import as a spreadsheet the registrar can sort, filter and send back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from craftcity.core.exporters import RowsExporter, xlsx_bytes
from craftcity.core.translation import as_translated

from .issues import Severity, render_issue
from .models import ImportBatch, PersonSource, ValueMapping


class ImportReport:
    """Yields a header then rows, per sheet: the problems of each row, the likely duplicates (and what each
    row did), the values no vocabulary knew."""

    def __init__(self, batch: ImportBatch):
        self.batch = batch

    def problems(self) -> Iterator[list]:
        yield [_("File"), _("Row"), _("Column"), _("Value"), _("What is wrong"), _("Severity")]
        for issue in self.batch.issues:
            if issue.get("severity") == Severity.ERROR:
                severity = _("rejected")
            else:  # a row skipped, or (no row) the count of problems beyond those listed
                severity = _("skipped") if issue.get("row") else ""
            yield [
                self.batch.file_name,
                issue.get("row"),
                issue.get("column", ""),
                issue.get("value", ""),
                render_issue(issue),
                severity,
            ]

    def duplicates(self) -> Iterator[list]:
        yield [
            _("File"), _("Row"), _("Name in the file"), _("Looks like"), _("Birth year"), _("Match probability"),
            _("What the row does"),
        ]  # fmt: skip
        outcomes = dict(PersonSource.Outcome.choices)
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
                str(outcomes.get(candidate.get("outcome"), "")),
            ]

    def unknown_values(self) -> Iterator[list]:
        yield [_("File"), _("Column"), _("Value"), _("Rows"), _("Row numbers"), _("Suggestions")]
        for unknown in self.batch.unknown_values:
            yield [
                self.batch.file_name,
                str(ValueMapping.Vocabulary(unknown["vocabulary"]).label),
                unknown["value"],
                unknown["count"],
                ", ".join(str(row) for row in unknown["rows"]),
                ", ".join(as_translated(s["label"]).text() for s in unknown["suggestions"]),
            ]

    def sheets(self) -> list[tuple[str, Iterator[list]]]:
        return [
            (_("Problems"), self.problems()),
            (_("Likely duplicates"), self.duplicates()),
            (_("Unknown values"), self.unknown_values()),
        ]


def report_bytes(batch: ImportBatch) -> bytes:
    return xlsx_bytes([RowsExporter(title, rows) for title, rows in ImportReport(batch).sheets()])


def write_report(batch: ImportBatch, path: Path) -> Path:
    path = Path(path)
    path.write_bytes(report_bytes(batch))
    return path
