"""One way to write a spreadsheet: an exporter yields a header then rows, and one writer turns exporters into
CSV or XLSX. Every text cell is made safe to open (no formula runs in the registrar's Excel), whoever wrote it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.http import HttpResponse

from recordlink.csvio import formula_safe

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Exporter:
    """A sheet: `title`, `header()` and `rows()`. Subclasses compute; the writers below format."""

    title = ""

    def header(self) -> list:
        raise NotImplementedError

    def rows(self) -> Iterable[list]:
        raise NotImplementedError


class RowsExporter(Exporter):
    """An exporter over rows someone else already made (the first one is the header)."""

    def __init__(self, title: str, rows: Iterable[list]):
        self.title, self._rows = title, iter(rows)
        self._header = next(self._rows, [])

    def header(self):
        return self._header

    def rows(self):
        return self._rows


def safe_row(row: Iterable) -> list:
    """A row as it may be written to any spreadsheet: lazy translations as text, formulas neutralised."""
    return [formula_safe(str(cell) if _is_lazy_text(cell) else cell) for cell in row]


def _is_lazy_text(value) -> bool:
    return not isinstance(value, str | int | float | bool | type(None)) and hasattr(value, "_proxy____cast")


def _lines(exporter: Exporter) -> Iterator[list]:
    yield safe_row(exporter.header())
    for row in exporter.rows():
        yield safe_row(row)


def write_csv(exporter: Exporter, stream) -> None:
    csv.writer(stream).writerows(_lines(exporter))


def write_xlsx(exporters: list[Exporter], target) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for exporter in exporters:
        sheet = workbook.create_sheet(title=sheet_title(str(exporter.title)))
        for row in _lines(exporter):
            sheet.append(row)
    workbook.save(target)


def sheet_title(title: str) -> str:
    """A title Excel accepts for a sheet: none of []:*?/\\ and at most 31 characters."""
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31] or "Sheet"


def xlsx_bytes(exporters: list[Exporter]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(exporters, buffer)
    return buffer.getvalue()


def csv_response(exporter: Exporter, filename: str) -> HttpResponse:
    """A CSV download with a byte-order mark, so Excel reads the Cyrillic as UTF-8."""
    buffer = io.StringIO()
    write_csv(exporter, buffer)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(exporters: list[Exporter], filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(exporters), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
