"""Reading spreadsheets as regional offices really send them, into rows of text cells.

CSV in UTF-8 (with or without BOM), UTF-16, Windows-1251 or KOI8-R, with comma, semicolon or tab;
XLSX with merged cells, blank rows and title rows above the header. Nothing here touches the database:
the result is a :class:`Table` whose rows are numbered as the user sees them in the spreadsheet.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import openpyxl
from openpyxl.utils.cell import range_boundaries

from craftcity.core.uploads import human_size

from .columns import guess_field, has_name_columns, header_score
from .issues import ImportFileError

HEADER_SEARCH_ROWS = 15
_SAMPLE_BYTES = 256 * 1024


@dataclass(frozen=True)
class XlsxLimits:
    """What a workbook may unpack to. An XLSX is a zip: a 3 MB file can declare 3 GB of shared strings or twenty
    million empty rows. Checked from the zip's directory before any XML is parsed; the zip reader never unpacks
    more than a part declares, so a part that lies about its size only comes out cut short (a broken file)."""

    rows: int = 200_000
    unpacked_bytes: int = 250 * 1024 * 1024  # all parts together
    shared_strings_bytes: int = 60 * 1024 * 1024  # the table every text cell points into, held whole in memory
    shared_strings: int = 2_000_000
    parts: int = 2_000
    ratio: int = 200  # unpacked ÷ packed, for parts over 10 MB unpacked

    @classmethod
    def from_settings(cls) -> XlsxLimits:
        from django.conf import settings

        return cls(
            rows=int(getattr(settings, "CRAFTCITY_IMPORT_MAX_ROWS", cls.rows)),
            unpacked_bytes=int(getattr(settings, "CRAFTCITY_IMPORT_MAX_UNPACKED_BYTES", cls.unpacked_bytes)),
        )


@dataclass
class Table:
    file_format: str  # "csv" or "xlsx"
    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number as the user sees it, cell texts)
    header_row: int
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    total_hint: int | None = None  # roughly how many rows follow, for progress
    fields: list[str | None] = field(default_factory=list)  # field of each column, None when unused


def cell_text(value) -> str:
    """A cell as the user reads it: 87011234567.0 → "87011234567", a date → "1975-03-12"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# --- file type and size --------------------------------------------------------------------------------


def check_size(size: int, max_bytes: int, name: str) -> None:
    """Refuse an empty file, or one over the limit (naming it), from its size alone."""
    if size == 0:
        raise ImportFileError("empty")
    if size > max_bytes:
        raise ImportFileError("too_large", file=name, size=human_size(size), limit=human_size(max_bytes))


def open_table(path: Path, *, saved_mapping: dict | None = None, max_bytes: int, name: str = "") -> Table:
    """Read the file at ``path`` far enough to know its layout; rows are read lazily from the result.

    ``name`` is the file's name as its sender knows it (the stored copy of an upload has another)."""
    path = Path(path)
    check_size(path.stat().st_size, max_bytes, name or path.name)  # before reading a byte: 200 MB stop here
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        limits = XlsxLimits.from_settings()
        check_xlsx_archive(path, limits)
        return _open_xlsx(path, saved_mapping, limits)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("old_excel")
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")):
        raise ImportFileError("not_spreadsheet")
    return _open_csv(path, saved_mapping)


# --- text encodings ------------------------------------------------------------------------------------

# A CSV is never held whole: its encoding is found from the first bytes and checked over the rest in chunks of
# this size, then its rows are read from a text stream. Memory stays the same for 50 KB and for 50 MB.
_CHUNK_BYTES = 256 * 1024
_NOT_BLANK = re.compile(r"[^\s\ufeff]")
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),  # (BOM, codec that drops it, name shown)
    (b"\xff\xfe", "utf-16", "utf-16-le"),
    (b"\xfe\xff", "utf-16", "utf-16-be"),
]
_COMMON_LOWER = set("оеаинтсрвлкмдпуяызбгчйхжшюцщэфъёәіңғүұқөһ")
_CYRILLIC_UPPER = re.compile(r"[а-яёәіңғүұқөһ][А-ЯЁӘІҢҒҮҰҚӨҺ]")
# UTF-8 Cyrillic read as Windows-1251 and saved again: "Айжан" → "РђР№Р¶Р°РЅ".
_DOUBLE_ENCODED = re.compile(r"Р[°µёѕ°Ѓ‚ђ±і»]|С[Ѓ‚ЊЏ]|Ð[°µ¸¾±]|Ñ[\x80-\x8f]")
_SINGLE_BYTE_CANDIDATES = ("cp1251", "koi8_r")
_EXTRA_CANDIDATES = {"cp866", "mac_cyrillic", "kz1048", "koi8_u"}
# Letters Windows-1251 has for Serbian; in a Kazakh list they are KZ-1048's Kazakh letters.
_SERBIAN = re.compile(r"[ЂЃЉЊЌЋЏђѓљњќћџ]")


def _letter_score(text: str) -> int:
    """How much ``text`` looks like Russian/Kazakh prose: frequent lowercase letters, capitals only at word starts.

    KOI8-R read as Windows-1251 (and the other way round) swaps the cases of Cyrillic letters, so the wrong
    guess shows up as capitals in the middle of words.
    """
    common = sum(1 for ch in text if ch in _COMMON_LOWER)
    mid_word_capitals = len(_CYRILLIC_UPPER.findall(text))
    return common - 4 * mid_word_capitals


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 13))
    return controls / len(data)


@dataclass
class TextFile:
    """What one pass over a text file in chunks found: how to read it, and what reading it whole would have."""

    codec: str  # what Python reads it with
    encoding: str  # the name shown to the registrar
    lines: int = 0
    is_blank: bool = True  # nothing but spaces, line breaks and a BOM
    head: str = ""  # the first decoded characters, for the delimiter and the tell-tales of a damaged file
    serbian_letters: bool = False


class _Undecodable(Exception):
    def __init__(self, position: int, lines: int):
        self.position, self.lines = position, lines  # byte offset of the bad byte, line breaks before it


def _scan(path: Path, codec: str, encoding: str, *, replacement_is_damage: bool = False) -> TextFile:
    """Decode the whole file chunk by chunk, keeping nothing but counts and the first characters."""
    found = TextFile(codec=codec, encoding=encoding)
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    offset = 0  # bytes handed to the decoder so far
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK_BYTES)
            pending = decoder.getstate()[0]
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                seen = (pending + chunk)[: error.start]
                raise _Undecodable(offset - len(pending) + error.start, found.lines + seen.count(b"\n")) from error
            offset += len(chunk)
            if replacement_is_damage and "\ufffd" in text:
                line = found.lines + text[: text.index("\ufffd")].count("\n") + 1
                raise ImportFileError("broken_encoding", detail=f"“\ufffd”, line {line}")
            if len(found.head) < _SAMPLE_BYTES:
                found.head += text[: _SAMPLE_BYTES - len(found.head)]
            found.lines += text.count("\n")
            if found.is_blank and _NOT_BLANK.search(text):
                found.is_blank = False
            if not found.serbian_letters and _SERBIAN.search(text):
                found.serbian_letters = True
            if not chunk:
                return found


def _strict(path: Path, codec: str, encoding: str | None = None) -> TextFile:
    try:
        return _scan(path, codec, encoding or codec)
    except _Undecodable as error:
        raise ImportFileError("broken_encoding", detail=f"{encoding or codec}: byte {error.position}") from None


def detect_encoding(path: Path) -> TextFile:
    """How to read a text file; raises ImportFileError when it is binary or damaged.

    Decided on the first 256 KB (BOM, UTF-16 without one, UTF-8, or the Cyrillic code page whose letters form
    words) and then checked over every byte: a damaged byte anywhere is named with its line."""
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    for bom, codec, encoding in _BOMS:
        if sample.startswith(bom):
            return _strict(path, codec, encoding)
    if b"\x00" in sample:
        # UTF-16 without a BOM: every other byte of ASCII text is zero.
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
            return _strict(path, "utf-16-le")
        if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
            return _strict(path, "utf-16-be")
        raise ImportFileError("not_spreadsheet")
    if _control_ratio(sample) > 0.01:
        raise ImportFileError("not_spreadsheet")
    try:
        # A "�" in UTF-8 text is where an earlier program met a byte it could not read.
        found = _scan(path, "utf-8", "utf-8", replacement_is_damage=True)
    except _Undecodable as error:
        # Mostly valid UTF-8 with a few bad bytes is a damaged UTF-8 file, not Windows-1251.
        utf8_pairs = len(re.findall(rb"[\xd0-\xd3][\x80-\xbf]", sample))
        high = sum(1 for b in sample if b >= 0x80)
        if utf8_pairs >= 5 and utf8_pairs * 2 >= high * 0.8:
            raise ImportFileError("broken_encoding", detail=f"UTF-8, line {error.lines + 1}") from None
        return _single_byte(path, sample)
    if len(_DOUBLE_ENCODED.findall(found.head)) >= 5:
        raise ImportFileError("broken_encoding", detail="UTF-8 converted twice")
    return found


def _single_byte(path: Path, sample: bytes) -> TextFile:
    """Windows-1251 unless another Cyrillic code page reads clearly better (KOI8-R, DOS 866, KZ-1048)."""
    candidates = list(_SINGLE_BYTE_CANDIDATES)
    best = charset_normalizer.from_bytes(sample).best()
    if best is not None and best.encoding in _EXTRA_CANDIDATES:
        candidates.append(best.encoding)
    scored = []
    for order, encoding in enumerate(candidates):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_letter_score(text), -order, encoding))
    if not scored:
        raise ImportFileError("broken_encoding", detail="no Cyrillic code page fits")
    score, _order, encoding = max(scored)
    if score < 0:
        raise ImportFileError("broken_encoding", detail="the letters do not form words in any Cyrillic code page")
    found = _strict(path, encoding)
    # KZ-1048 differs from Windows-1251 only where 1251 has Serbian letters; Kazakh lists mean Kazakh ones.
    if encoding == "cp1251" and found.serbian_letters:
        try:
            return _scan(path, "kz1048", "kz1048")
        except _Undecodable:
            pass
    return found


# --- CSV ----------------------------------------------------------------------------------------------

# A record longer than this many lines is a quotation mark opened and never closed, swallowing the rows below it
# (a long cell would stop the csv reader anyway, at its field limit).
MAX_LINES_PER_ROW = 20


def sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        pass
    # The Sniffer gives up on title rows; take the delimiter most lines agree on.
    best, best_score = ",", -1
    for delimiter in ";\t,|":
        counts = [line.count(delimiter) for line in lines]
        used = [c for c in counts if c]
        if not used:
            continue
        mode = max(set(used), key=used.count)
        score = used.count(mode) * mode
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(path: Path, text_file: TextFile, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The records of the file, numbered as a spreadsheet shows them (a cell with line breaks is one row)."""
    with path.open("r", encoding=text_file.codec, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        number = 0
        while True:
            number += 1
            first_line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise ImportFileError("broken_row", row=number) from error
            if reader.line_num - first_line >= MAX_LINES_PER_ROW:
                raise ImportFileError("broken_row", row=number)
            yield number, [cell_text(c) for c in cells]


def _open_csv(path: Path, saved_mapping: dict | None) -> Table:
    text_file = detect_encoding(path)
    if text_file.is_blank:
        raise ImportFileError("empty")
    delimiter = sniff_delimiter(text_file.head)
    table = _with_header(_csv_rows(path, text_file, delimiter), saved_mapping, file_format="csv")
    table.encoding, table.delimiter = text_file.encoding, delimiter
    table.total_hint = max(text_file.lines + 1 - table.header_row, 0)
    return table


# --- XLSX ---------------------------------------------------------------------------------------------

_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')
_DIMENSION_RE = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def _merged_ranges(path: Path, worksheet_path: str) -> tuple[list[tuple[int, int, int, int]], int | None]:
    """Merged ranges and the last row of a sheet, read by streaming its XML.

    Read-only openpyxl reports no merged cells, and asking it for max_row parses the whole sheet once more.
    """
    ranges, tail, last_row = [], b"", None
    with zipfile.ZipFile(path) as archive, archive.open(worksheet_path.lstrip("/")) as xml:
        while chunk := xml.read(1 << 20):
            if last_row is None and (dimension := _DIMENSION_RE.search(chunk[:4096])):
                last_row = int(dimension.group(1))
            data = tail + chunk
            if b"mergeCell" in data:
                ranges.extend(range_boundaries(m.decode()) for m in _MERGE_RE.findall(data))
            tail = data[-200:]  # a tag split across chunks is found whole next time; the set drops repeats
    return sorted(set(ranges)), last_row


_COUNT_RE = re.compile(rb'uniqueCount="(\d+)"')


def check_xlsx_archive(path: Path, limits: XlsxLimits) -> None:
    """Refuse a workbook that would unpack to more than the limits, reading only the zip's directory and the
    first bytes of the shared-strings part."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > limits.parts:
                raise ImportFileError("xlsx_parts", count=len(parts), limit=limits.parts)
            total = 0
            for part in parts:
                total += part.file_size
                ratio = part.file_size / max(part.compress_size, 1)
                if part.file_size > 10 * 1024 * 1024 and ratio > limits.ratio:
                    raise ImportFileError(
                        "xlsx_bomb", part=part.filename, size=human_size(part.file_size), ratio=int(ratio)
                    )
                if part.filename.endswith("sharedStrings.xml"):
                    _check_shared_strings(archive, part, limits)
            if total > limits.unpacked_bytes:
                raise ImportFileError("xlsx_unpacked", size=human_size(total), limit=human_size(limits.unpacked_bytes))
    except zipfile.BadZipFile as error:
        raise ImportFileError("not_spreadsheet") from error


def _check_shared_strings(archive: zipfile.ZipFile, part: zipfile.ZipInfo, limits: XlsxLimits) -> None:
    if part.file_size > limits.shared_strings_bytes:
        raise ImportFileError(
            "xlsx_unpacked", size=human_size(part.file_size), limit=human_size(limits.shared_strings_bytes)
        )
    with archive.open(part) as xml:
        found = _COUNT_RE.search(xml.read(4096))
    if found and int(found.group(1)) > limits.shared_strings:
        raise ImportFileError("xlsx_strings", count=int(found.group(1)), limit=limits.shared_strings)


def _open_xlsx(path: Path, saved_mapping: dict | None, limits: XlsxLimits) -> Table:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except zipfile.BadZipFile as error:
        raise ImportFileError("not_spreadsheet") from error
    except (KeyError, OSError, ValueError, TypeError) as error:
        # A zip that is not a workbook (a .docx, say) has no xl/workbook.xml.
        if "workbook" in str(error).lower() or isinstance(error, KeyError):
            raise ImportFileError("not_spreadsheet") from error
        raise ImportFileError("broken_xlsx", detail=str(error)) from error
    last_error = None
    for sheet in workbook.worksheets:
        try:
            merged, last_row = _merged_ranges(path, sheet._worksheet_path)
        except (KeyError, zipfile.BadZipFile):
            merged, last_row = [], None
        if last_row and last_row > limits.rows + HEADER_SEARCH_ROWS:
            raise ImportFileError("too_many_rows", count=last_row, limit=limits.rows)
        try:
            table = _with_header(_xlsx_rows(sheet, merged, limits.rows), saved_mapping, file_format="xlsx")
        except ImportFileError as error:
            last_error = error
            continue
        table.sheet = sheet.title
        if last_row:
            table.total_hint = max(last_row - table.header_row, 0)
        return table
    raise last_error or ImportFileError("empty")


def _xlsx_rows(sheet, merged: list[tuple[int, int, int, int]], max_rows: int) -> Iterator[tuple[int, list[str]]]:
    # Merged ranges (min_col, min_row, max_col, max_row): every cell takes the top-left cell's value.
    starts: dict[int, list[tuple[int, int, int, int]]] = {}
    for bounds in merged:
        starts.setdefault(bounds[1], []).append(bounds)
    active: list[tuple[tuple[int, int, int, int], str]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > max_rows + HEADER_SEARCH_ROWS:
            # The sheet said less (or nothing) in its dimension; stop reading instead of trusting it.
            raise ImportFileError("too_many_rows", count=f"> {max_rows}", limit=max_rows)
        cells = [cell_text(v) for v in values]
        active = [(b, v) for b, v in active if b[3] >= number]
        for bounds in starts.get(number, []):
            min_col = bounds[0]
            value = cells[min_col - 1] if len(cells) >= min_col else ""
            active.append((bounds, value))
        for (min_col, _min_row, max_col, _max_row), value in active:
            if len(cells) < max_col:
                cells.extend([""] * (max_col - len(cells)))
            for col in range(min_col, max_col + 1):
                cells[col - 1] = value
        yield number, cells


# --- header -------------------------------------------------------------------------------------------


def _with_header(rows: Iterator[tuple[int, list[str]]], saved_mapping: dict | None, *, file_format: str) -> Table:
    """Find the header among the first rows (title rows may sit above it) and map its columns."""
    head: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        head.append((number, cells))
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    non_blank = [(n, c) for n, c in head if any(c)]
    if not non_blank:
        raise ImportFileError("empty")
    best = None
    for number, cells in non_blank:
        fields = [guess_field(c, saved_mapping) for c in cells]
        if has_name_columns(f for f in fields if f):
            score = header_score(cells, saved_mapping)
            if best is None or score > best[0]:
                best = (score, number, cells, fields)
    if best is None:
        seen = max(non_blank, key=lambda item: sum(1 for c in item[1] if c))[1]
        columns = ", ".join(f"“{c}”" for c in seen if c)[:500]
        raise ImportFileError("no_name_column", rows=HEADER_SEARCH_ROWS, columns=columns or "—")
    _score, header_number, headers, fields = best
    # A column mapped twice keeps its first occurrence: two "Телефон" columns do not overwrite each other.
    taken: set[str] = set()
    for index, name in enumerate(fields):
        if name in taken or name == "ignore":
            fields[index] = None
        elif name:
            taken.add(name)

    def body() -> Iterator[tuple[int, list[str]]]:
        for number, cells in head:
            if number > header_number:
                yield number, cells
        yield from rows

    return Table(file_format=file_format, headers=headers, rows=body(), header_row=header_number, fields=fields)
