"""CSV in and out for the dedupe contract: ``id,full_name,...`` in, ``id,cluster_id`` out.

Kept in the pure package (not in the Django command) so scripts and the benchmark use the same reader.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

REQUIRED = ("id", "full_name")

# A spreadsheet evaluates a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# ...except a phone number or a signed number ("+7 (701) 123-45-67", "-5"): no function, reference or
# operator can hide in digits, spaces, brackets, dots and hyphens, and quoting every phone would spoil them.
_PLAIN_SIGNED_NUMBER = re.compile(r"[+-][0-9 ().-]*\Z")


def formula_safe(value):
    """The value as a spreadsheet should store it: text that would start a formula gets a quote prefix.

    Numbers, dates and other non-text values are returned as they are; only text is ever evaluated.
    Lives in this pure package so the Django exporters and the dedupe CLI escape the same way."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _PLAIN_SIGNED_NUMBER.match(value):
        return "'" + value
    return value


OPTIONAL = ("birth_year", "region", "craft", "phone", "email", "organization")


class InputError(ValueError):
    """The input file cannot be used; the message names the file and the problem."""


def iter_records(path: str | Path) -> Iterator[dict[str, str]]:
    """Yield rows with the contract columns only (unknown columns ignored, missing optional ones blank).

    UTF-8 with or without BOM. Header names are matched case-insensitively after stripping spaces.
    The header is checked before the first row is yielded, so a bad file fails before any work.
    Streaming matters: a 200,000-row file held as dicts costs hundreds of MB.
    """
    path = Path(path)
    try:
        f = path.open(newline="", encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    with f:
        reader = csv.reader(f)
        try:
            header = next(reader, None)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
        if header is None:
            raise InputError(f"{path}: the file is empty (no header row)")
        names = [h.strip().lower() for h in header]
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            raise InputError(
                f"{path}: missing required column(s): {', '.join(missing)} "
                f"(found: {', '.join(h for h in header if h) or 'none'})"
            )
        index = {c: names.index(c) for c in (*REQUIRED, *OPTIONAL) if c in names}
        id_col = index["id"]
        line_no = 1
        try:
            for line in reader:
                line_no += 1
                if not any(cell.strip() for cell in line):
                    continue
                if id_col >= len(line) or not line[id_col].strip():
                    raise InputError(f"{path}: row {line_no} has an empty id")
                yield {c: (line[i].strip() if i < len(line) else "") for c, i in index.items()}
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc


def read_records(path: str | Path) -> list[dict[str, str]]:
    """All rows at once (see iter_records); convenient for small files and tests."""
    return list(iter_records(path))


def write_clusters(path: str | Path, ids: list[str], labels: list[int]) -> None:
    """One ``id,cluster_id`` row per input id; a cluster is named by the id of its first record."""
    with Path(path).open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "cluster_id"])
        for rid, label in zip(ids, labels, strict=True):
            w.writerow([formula_safe(rid), formula_safe(ids[label])])
