"""Which column of a regional list holds which field: header names in kk, ru and en, and saved mappings."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

FIELDS = {
    "full_name": _("Full name"),
    "family_name": _("Family name"),
    "given_name": _("Given name"),
    "patronymic": _("Patronymic"),
    "birth_year": _("Birth year"),
    "gender": _("Gender"),
    "phone": _("Phone"),
    "email": _("E-mail"),
    "region": _("Region"),
    "locality": _("Locality"),
    "craft": _("Craft"),
    "organization": _("Organization"),
    "ignore": _("(ignore this column)"),
}

_ALIASES = {
    "full_name": [
        "фио", "ф и о", "фамилия имя отчество", "фамилия имя", "имя фамилия", "полное имя", "мастер",
        "аты жөні", "толық аты жөні", "тегі аты әкесінің аты", "тегі аты", "аты жөні тегі", "шебер",
        "full name", "name", "name and surname", "person", "artisan", "master",
    ],
    "family_name": ["фамилия", "тегі", "surname", "last name", "family name"],
    "given_name": ["имя", "аты", "first name", "given name", "forename"],
    "patronymic": ["отчество", "әкесінің аты", "patronymic", "middle name"],
    "birth_year": [
        "год рождения", "г р", "год рожд", "дата рождения", "туған жылы", "туылған жылы", "туған күні",
        "birth year", "year of birth", "date of birth", "born", "birth date",
    ],
    "gender": ["пол", "жынысы", "gender", "sex"],
    "phone": [
        "телефон", "тел", "моб телефон", "мобильный телефон", "контактный телефон", "сотовый", "телефон нөмірі",
        "ұялы телефон", "байланыс телефоны", "phone", "mobile", "phone number", "tel", "telephone",
    ],
    "email": [
        "e mail", "email", "эл почта", "электронная почта", "электрондық пошта", "эл пошта", "почта", "mail",
        "электронды пошта",
    ],
    "region": ["область", "облыс", "облысы", "регион", "аймақ", "region", "oblast", "область город"],
    "locality": [
        "населенный пункт", "город", "город село", "село", "елді мекен", "қала", "ауыл", "city", "town",
        "locality", "settlement", "village",
    ],
    "craft": [
        "ремесло", "вид ремесла", "направление", "вид деятельности", "специализация", "вид искусства",
        "қолөнер түрі", "қолөнер", "бағыты", "мамандығы", "өнер түрі", "craft", "discipline", "specialization",
        "specialisation", "field",
    ],
    "organization": [
        "организация", "объединение", "ассоциация", "членство", "ұйым", "бірлестік", "қауымдастық",
        "organization", "organisation", "association", "member of",
    ],
}  # fmt: skip

_PUNCT = re.compile(r"[^\w]+")


def normalize_header(text) -> str:
    """Lowercase words without punctuation: "Ф.И.О.*" and "ф и о" compare equal."""
    if text is None:
        return ""
    text = str(text).replace("ё", "е").replace("Ё", "Е").replace("_", " ").lower()
    return " ".join(_PUNCT.sub(" ", text).split())


ALIASES: dict[str, str] = {normalize_header(alias): name for name, aliases in _ALIASES.items() for alias in aliases}


def guess_field(header, saved: dict[str, str] | None = None) -> str | None:
    """The field a column holds, from the source's saved mapping first, then the known names."""
    key = normalize_header(header)
    if not key:
        return None
    if saved:
        for column, name in saved.items():
            if normalize_header(column) == key:
                return name
    return ALIASES.get(key)


def header_score(cells, saved: dict[str, str] | None = None) -> int:
    return sum(1 for cell in cells if guess_field(cell, saved) not in (None, "ignore"))


def has_name_columns(fields) -> bool:
    fields = set(fields)
    return "full_name" in fields or {"family_name", "given_name"} <= fields
