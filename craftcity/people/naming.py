"""Name forms a person has not written: derived with namekit from the form they did write.

One place for every door (back office, services, imports): a Kazakh-only name added anywhere also reads in
Russian and in Latin letters on the Russian and English pages. Derived forms are marked `is_derived`; a form a
registrar or the artisan corrects becomes their own and is never derived over again."""

from __future__ import annotations

import re
from functools import lru_cache

from namekit import detect_script, name_forms, parse_name

from .models import PersonName

# The forms namekit writes from Kazakh Cyrillic, and the reader each one is for.
DERIVED_FORM_LANGUAGES = {
    PersonName.Form.RUSSIAN: "ru",
    PersonName.Form.KAZAKH_LATIN: "kk",
    PersonName.Form.PASSPORT: "en",
    PersonName.Form.BGN_PCGN: "en",
    PersonName.Form.PRESS: "en",
}
_CYRILLIC_LANGUAGES = {PersonName.Form.KAZAKH_CYRILLIC: "kk", PersonName.Form.RUSSIAN: "ru"}
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KAZAKH_LATIN_LETTERS = re.compile(r"[äğñöūüışÄĞÑÖŪÜİŞ]")


def name_language_and_form(full_name: str) -> tuple[str, str] | None:
    """The language and form of a name as written: Kazakh Cyrillic, Russian spelling or a Latin form."""
    script = detect_script(full_name)
    if script == "cyrillic":
        if _KAZAKH_LETTERS.search(full_name):
            return "kk", PersonName.Form.KAZAKH_CYRILLIC
        return "ru", PersonName.Form.RUSSIAN
    if script == "latin":
        if _KAZAKH_LATIN_LETTERS.search(full_name):
            return "kk", PersonName.Form.KAZAKH_LATIN
        return "en", PersonName.Form.PASSPORT
    return None


def name_parts(full_name: str, parsed=None) -> dict:
    """Given name, family name and patronymic as PersonName fields (``parsed``: namekit's reading, if made)."""
    parsed = parsed or parse_name(full_name)
    return {"given_name": parsed.given[:120], "family_name": parsed.family[:120], "patronymic": parsed.patronymic[:120]}


@lru_cache(maxsize=1 << 16)
def _token_forms(token: str) -> dict[str, str]:
    return name_forms(token)


def _forms_of(text: str) -> dict[str, str]:
    """namekit.name_forms, word by word: a list repeats the same few hundred names, each converted once."""
    tokens = [_token_forms(token) for token in text.split()]
    if not tokens:
        return {}
    return {form: " ".join(token[form] for token in tokens) for form in tokens[0]}


def derived_forms(
    full_name: str, parts: dict | None = None, *, forms=DERIVED_FORM_LANGUAGES, written_as: str = ""
) -> list[dict]:
    """The other written forms of a name in Cyrillic (the script namekit reads), as PersonName fields: every
    form of a Kazakh spelling; the Latin forms for English readers of a Russian spelling (with no Kazakh letter
    a name may be either, and "Сентинелова Жанар" must not show in Cyrillic on the English page); nothing for a
    name in another script. `written_as` is the form its writer declared (a Kazakh name need not contain a
    Kazakh letter: "Жанар Сентинелова"); without it the form is read from the letters."""
    kind = name_language_and_form(full_name)
    if kind is not None and written_as in _CYRILLIC_LANGUAGES and kind[1] in _CYRILLIC_LANGUAGES:
        kind = (_CYRILLIC_LANGUAGES[written_as], written_as)
    if kind is None or kind[1] not in (PersonName.Form.KAZAKH_CYRILLIC, PersonName.Form.RUSSIAN):
        return []
    if kind[1] == PersonName.Form.RUSSIAN:  # one Latin form is enough for English readers of a Russian spelling
        forms = {form: language for form, language in forms.items() if form == PersonName.Form.PASSPORT}
    parts = parts if parts is not None else name_parts(full_name)
    whole = _forms_of(full_name)
    part_forms = {key: _forms_of(value) for key, value in parts.items()}
    seen, result = {(kind[0], full_name.casefold())}, []
    for form, text in whole.items():
        language = forms.get(form)
        if language is None or not text or (language, text.casefold()) in seen:
            continue
        seen.add((language, text.casefold()))
        result.append({
            "full_name": text[:300], "language": language, "form": form, "is_primary": False, "is_derived": True,
            **{key: values.get(form, "")[:120] for key, values in part_forms.items()},
        })  # fmt: skip
    return result
