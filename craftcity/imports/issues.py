"""What can be wrong with a file or a row, as message codes rendered in the reader's language.

Issues are stored as codes with parameters rather than as text, so that the report of an import run in
Russian reads in Kazakh for the next registrar who opens it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from craftcity.core.translation import as_translated

MESSAGES = {
    # file-level
    "too_large": _("“%(file)s” is %(size)s; files over %(limit)s are not accepted. Split it into smaller files."),
    "empty": _("The file is empty."),
    "no_rows": _("The file has a header but no rows of people."),
    "not_spreadsheet": _("This is not a spreadsheet: save it as CSV or XLSX and try again."),
    "old_excel": _("This is an old Excel file (.xls): open it in Excel or LibreOffice and save it as .xlsx."),
    "broken_xlsx": _("The XLSX file cannot be opened: %(detail)s"),
    "broken_encoding": _("The text of the file is damaged (%(detail)s). Save it again as “CSV UTF-8” and try again."),
    "broken_row": _(
        'Row %(row)s cannot be read: a quotation mark (") opens a cell there and is never closed, so the rows '
        "below run into that cell. Close or delete the quotation mark and send the file again."
    ),
    "no_name_column": _(
        "No column with people's names was found in the first %(rows)s rows. Columns seen: %(columns)s. "
        "Name it “ФИО”, “Аты-жөні” or “Full name”, or map it to the full name field."
    ),
    "xlsx_unpacked": _(
        "The workbook unpacks to %(size)s; workbooks over %(limit)s unpacked are not accepted. "
        "Split the list into smaller files."
    ),
    "xlsx_bomb": _(
        "The workbook's part “%(part)s” unpacks to %(size)s, %(ratio)s times its packed size: the file is damaged "
        "or built to overload the server. Save the list again from Excel or LibreOffice."
    ),
    "xlsx_strings": _(
        "The workbook declares %(count)s different texts; at most %(limit)s are accepted. "
        "Split the list into smaller files."
    ),
    "xlsx_parts": _(
        "The workbook has %(count)s parts; a list of people has a few dozen (at most %(limit)s are accepted). "
        "Save it again from Excel or LibreOffice."
    ),
    "too_many_rows": _(
        "The sheet has %(count)s rows; at most %(limit)s rows are imported at once. Split the list into smaller files."
    ),
    "not_allowed": _("Only registrars may import lists of people."),
    "unknown_field": _("Unknown field “%(field)s” in the column mapping."),
    # row-level
    "name_missing": _("The name is empty."),
    "name_mixed_script": _(
        "The name mixes Cyrillic and Latin letters (look for a Latin letter typed in a Cyrillic name)."
    ),
    "name_too_long": _("The name is longer than %(limit)s characters."),
    "name_incomplete": _("Give at least a given name and a family name."),
    "birth_year_invalid": _("“%(value)s” is not a birth year (expected a year between %(low)s and %(high)s)."),
    "phone_invalid": _("“%(value)s” is not a phone number we can read (expected e.g. +7 701 123 45 67)."),
    "email_invalid": _("“%(value)s” is not an e-mail address."),
    "gender_invalid": _("“%(value)s” is not a gender we know (expected male/female, м/ж, ер/әйел)."),
    "region_unknown": _("Unknown region “%(value)s”.%(hint)s"),
    "locality_unknown": _("Unknown locality “%(value)s”.%(hint)s"),
    "craft_unknown": _("Unknown craft “%(value)s”.%(hint)s"),
    "value_left_blank": _("“%(value)s” is left blank, as decided for the lists of this source."),
    "value_invalid": _("%(detail)s"),
    "duplicate_in_file": _("The same row as row %(row)s of this file."),
    "already_imported_row": _("Already in the registry: imported from “%(file)s” on %(date)s."),
    "already_imported_file": _("This file was already imported on %(date)s (batch %(batch)s); nothing changed."),
    "more_issues": _(
        "%(count)s more problems in later rows are not listed here: correct the ones above and check the file again."
    ),
    "crashed": _("The import stopped with an error and nothing was written: %(detail)s"),
}
HINT = _(" Did you mean: %(choices)s?")


class Severity:
    ERROR = "error"  # the row is rejected
    NOTICE = "notice"  # the row is skipped but nothing is wrong with it (already imported)
    WARNING = "warning"  # the row is imported, with a value left out as the registrar decided


@dataclass
class Issue:
    code: str
    row: int | None = None
    column: str = ""
    value: str = ""
    severity: str = Severity.ERROR
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def render(code: str, params: dict | None = None) -> str:
    """The message of ``code`` in the active language."""
    params = dict(params or {})
    if "hint_choices" in params:
        choices = params.pop("hint_choices")
        texts = [as_translated(c).text() if isinstance(c, dict) else str(c) for c in choices]
        params["hint"] = gettext(HINT) % {"choices": ", ".join(f"“{t}”" for t in texts)} if texts else ""
    params.setdefault("hint", "")
    template = MESSAGES.get(code)
    if template is None:
        return code
    try:
        return gettext(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def render_issue(issue: dict) -> str:
    params = dict(issue.get("params") or {})
    params.setdefault("value", issue.get("value", ""))
    return render(issue["code"], params)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing was written."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def __str__(self) -> str:
        return self.message
