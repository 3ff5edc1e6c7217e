"""namekit: people's names across Kazakh Cyrillic, Russian spelling and the Latin romanizations.

Pure Python, no Django: the registry, search, record linkage and the demo-data generator all use
it, and another project could lift it as is.  Two halves:

- *writing* a Kazakh name in its other forms (:mod:`namekit.translit`), for generators and display;
- *comparing* names written any way (:mod:`namekit.skeleton`, :mod:`namekit.parse`,
  :mod:`namekit.keys`), for search and linkage; these are cached and fast.
"""

from namekit.keys import blocking_keys, name_key, similarity
from namekit.names_data import (
    KAZAKH_GIVEN_NAMES_FEMALE,
    KAZAKH_GIVEN_NAMES_MALE,
    KAZAKH_SURNAME_STEMS,
    RUSSIAN_EXCEPTIONS,
    make_surname,
)
from namekit.parse import ParsedName, parse_name
from namekit.skeleton import skeleton
from namekit.translit import (
    detect_script,
    name_forms,
    to_bgn_pcgn,
    to_kazakh_latin,
    to_passport,
    to_press,
    to_russian,
)

__all__ = [
    "KAZAKH_GIVEN_NAMES_FEMALE",
    "KAZAKH_GIVEN_NAMES_MALE",
    "KAZAKH_SURNAME_STEMS",
    "RUSSIAN_EXCEPTIONS",
    "ParsedName",
    "blocking_keys",
    "detect_script",
    "make_surname",
    "name_forms",
    "name_key",
    "parse_name",
    "similarity",
    "skeleton",
    "to_bgn_pcgn",
    "to_kazakh_latin",
    "to_passport",
    "to_press",
    "to_russian",
]
