"""Name forms for demo people: one Kazakh name in every script and romanization the registry keeps.

The spelling rules are namekit's; this module only decides which form is primary for which language.
"""

from __future__ import annotations

from functools import lru_cache

from namekit.names_data import (
    KAZAKH_GIVEN_NAMES_FEMALE,
    KAZAKH_GIVEN_NAMES_MALE,
    KAZAKH_SURNAME_STEMS,
    make_surname,
)
from namekit.translit import name_forms

__all__ = [
    "FORMS",
    "KAZAKH_GIVEN_NAMES_FEMALE",
    "KAZAKH_GIVEN_NAMES_MALE",
    "KAZAKH_SURNAME_STEMS",
    "kazakh_name_forms",
    "make_surname",
    "name_forms",
    "word_forms",
]

# form → (language whose readers see it, primary for that language). Kazakh Cyrillic is what kk readers
# see, the Russian spelling what ru readers see, the press spelling what en readers see; the 2021 Latin,
# passport and BGN/PCGN forms are kept so that search and linkage find the person whatever is typed.
FORMS: dict[str, tuple[str, bool]] = {
    "kk_cyrl": ("kk", True),
    "ru_cyrl": ("ru", True),
    "kk_latn": ("kk", False),
    "passport": ("en", False),
    "bgn_pcgn": ("en", False),
    "press": ("en", True),
}


@lru_cache(maxsize=8192)
def word_forms(word: str) -> dict[str, str]:
    """namekit's forms of one word, cached: generators ask for the same names thousands of times."""
    return name_forms(word)


def kazakh_name_forms(given: str, family: str) -> list[dict]:
    """Name forms of a Kazakh name written in Kazakh Cyrillic, ready for `person_create(names=…)`."""
    given_forms, family_forms = word_forms(given), word_forms(family)
    rows, seen = [], set()
    for form, (language, is_primary) in FORMS.items():
        given_name, family_name = given_forms[form], family_forms[form]
        full_name = f"{given_name} {family_name}"
        if (full_name, form) in seen:
            continue
        seen.add((full_name, form))
        rows.append(
            {
                "form": form,
                "language": language,
                "is_primary": is_primary,
                "full_name": full_name,
                "given_name": given_name,
                "family_name": family_name,
            }
        )
    return rows
