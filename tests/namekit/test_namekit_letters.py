"""Every letter of the Kazakh Cyrillic alphabet, one case per letter, in every written form."""

import pytest

from namekit import skeleton, to_bgn_pcgn, to_kazakh_latin, to_passport, to_russian
from namekit.alphabet import (
    KAZAKH_CYRILLIC_ALPHABET,
    KK_TO_BGN_PCGN,
    KK_TO_LATIN_2021,
    KK_TO_PASSPORT,
    KK_TO_PRESS,
    KK_TO_RUSSIAN,
    KK_TO_SKELETON,
)
from namekit.translit import to_press

# letter: (2021 Latin, passport, BGN/PCGN, Russian) — written from the published tables, not
# copied from the code, so a slip in a table shows up here.
EXPECTED = {
    "а": ("a", "a", "a", "а"),
    "ә": ("ä", "a", "ä", "а"),
    "б": ("b", "b", "b", "б"),
    "в": ("v", "v", "v", "в"),
    "г": ("g", "g", "g", "г"),
    "ғ": ("ğ", "g", "gh", "г"),
    "д": ("d", "d", "d", "д"),
    "е": ("e", "e", "e", "е"),
    "ё": ("io", "e", "yo", "ё"),
    "ж": ("j", "zh", "zh", "ж"),
    "з": ("z", "z", "z", "з"),
    "и": ("i", "i", "i", "и"),
    "й": ("i", "i", "y", "й"),
    "к": ("k", "k", "k", "к"),
    "қ": ("q", "k", "q", "к"),
    "л": ("l", "l", "l", "л"),
    "м": ("m", "m", "m", "м"),
    "н": ("n", "n", "n", "н"),
    "ң": ("ñ", "n", "ng", "н"),
    "о": ("o", "o", "o", "о"),
    "ө": ("ö", "o", "ö", "о"),
    "п": ("p", "p", "p", "п"),
    "р": ("r", "r", "r", "р"),
    "с": ("s", "s", "s", "с"),
    "т": ("t", "t", "t", "т"),
    "у": ("u", "u", "u", "у"),
    "ұ": ("ū", "u", "ū", "у"),
    "ү": ("ü", "u", "ü", "у"),
    "ф": ("f", "f", "f", "ф"),
    "х": ("h", "kh", "kh", "х"),
    "һ": ("h", "h", "h", "х"),
    "ц": ("ts", "ts", "ts", "ц"),
    "ч": ("ç", "ch", "ch", "ч"),
    "ш": ("ş", "sh", "sh", "ш"),
    "щ": ("şç", "shch", "shch", "щ"),
    "ъ": ("", "", "", "ъ"),
    "ы": ("y", "y", "y", "ы"),
    "і": ("ı", "i", "i", "и"),
    "ь": ("", "", "", "ь"),
    "э": ("e", "e", "e", "э"),
    "ю": ("iu", "iu", "yu", "ю"),
    "я": ("ia", "ia", "ya", "я"),
}

LETTERS = list(KAZAKH_CYRILLIC_ALPHABET)


def test_alphabet_has_the_42_letters_of_kazakh_cyrillic():
    assert len(LETTERS) == 42
    assert len(set(LETTERS)) == 42
    assert set("әғқңөұүһі") <= set(LETTERS)
    assert set(EXPECTED) == set(LETTERS)


@pytest.mark.parametrize(
    "table", [KK_TO_LATIN_2021, KK_TO_PASSPORT, KK_TO_BGN_PCGN, KK_TO_PRESS, KK_TO_RUSSIAN, KK_TO_SKELETON]
)
def test_every_table_covers_every_letter(table):
    assert set(table) == set(LETTERS)


@pytest.mark.parametrize("letter", LETTERS)
def test_letter_in_2021_latin(letter):
    # After "т" so that no contextual rule (word-initial Е, С between vowels) applies.
    assert to_kazakh_latin("т" + letter) == "T" + EXPECTED[letter][0]


@pytest.mark.parametrize("letter", LETTERS)
def test_letter_in_passport_style(letter):
    assert to_passport("т" + letter) == "T" + EXPECTED[letter][1]


@pytest.mark.parametrize("letter", LETTERS)
def test_letter_in_bgn_pcgn(letter):
    assert to_bgn_pcgn("т" + letter) == "T" + EXPECTED[letter][2]


@pytest.mark.parametrize("letter", LETTERS)
def test_letter_in_russian_spelling(letter):
    assert to_russian("т" + letter) == "Т" + EXPECTED[letter][3]


@pytest.mark.parametrize("letter", LETTERS)
def test_letter_round_trips_to_one_skeleton_from_every_form(letter):
    contexts = [f"а{letter}а", f"т{letter}р"]
    if letter not in "ъь":
        contexts.append(f"{letter}ан")
    for word in contexts:
        forms = {
            "kk_cyrl": word,
            "kk_latn": to_kazakh_latin(word),
            "passport": to_passport(word),
            "bgn_pcgn": to_bgn_pcgn(word),
            "press": to_press(word),
            "ru_cyrl": to_russian(word),
        }
        skeletons = {name: skeleton(form) for name, form in forms.items()}
        assert len(set(skeletons.values())) == 1, (word, forms, skeletons)


@pytest.mark.parametrize("letter", LETTERS)
def test_latin_forms_contain_no_cyrillic(letter):
    for convert in (to_kazakh_latin, to_passport, to_bgn_pcgn, to_press):
        assert not any("\u0400" <= char <= "\u04ff" for char in convert(f"а{letter}а"))


def test_2021_latin_keeps_dotted_and_dotless_capital_i_apart():
    # І is the dotless ı (capital I); И and Й are the dotted i (capital İ).
    assert to_kazakh_latin("Ілияс") == "Iliias"
    assert to_kazakh_latin("Ислам") == "İslam"
    assert to_kazakh_latin("ЖЕҢІС") == "Jeñıs"
