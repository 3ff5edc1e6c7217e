"""Written forms of whole Kazakh names, as a registrar or a generator would see them."""

import pytest

from namekit import (
    RUSSIAN_EXCEPTIONS,
    detect_script,
    name_forms,
    to_bgn_pcgn,
    to_kazakh_latin,
    to_passport,
    to_russian,
)
from namekit.translit import to_press


@pytest.mark.parametrize(
    ("kk", "latin_2021"),
    [("Нұрлан", "Nūrlan"), ("Әсел", "Äsel"), ("Қайрат", "Qairat"), ("Шыңғыс", "Şyñğys"),
     ("Айжан", "Aijan"), ("Жанар", "Janar"), ("Серік", "Serık"), ("Ілияс", "Iliias")],
)  # fmt: skip
def test_kazakh_latin_2021(kk, latin_2021):
    assert to_kazakh_latin(kk) == latin_2021


@pytest.mark.parametrize(
    ("kk", "passport"),
    [("Нұрлан", "Nurlan"), ("Әсел", "Assel"), ("Қайрат", "Kairat"), ("Шыңғыс", "Shyngys"),
     ("Жанар", "Zhanar"), ("Айжан", "Aizhan"), ("Ерлан", "Yerlan"), ("Назарбаев", "Nazarbayev"),
     ("Есенов", "Yessenov"), ("Бекқұлова", "Bekkulova")],
)  # fmt: skip
def test_passport_style(kk, passport):
    assert to_passport(kk) == passport


def test_passport_does_not_triple_a_written_double_s():
    assert to_passport("Ассель") == "Assel"


@pytest.mark.parametrize(
    ("kk", "bgn"),
    [("Айжан", "Ayzhan"), ("Ерлан", "Yerlan"), ("Тоқаев", "Toqayev"), ("Ғалым", "Ghalym")],
)
def test_bgn_pcgn(kk, bgn):
    assert to_bgn_pcgn(kk) == bgn


@pytest.mark.parametrize(
    ("kk", "press"),
    [("Айжан", "Aizhan"), ("Қайрат", "Kairat"), ("Тоқаев", "Tokayev"), ("Шыңғыс", "Shyngys"),
     ("Жеңіс", "Zhenis")],
)  # fmt: skip
def test_press_spelling(kk, press):
    assert to_press(kk) == press


@pytest.mark.parametrize(
    ("kk", "russian"),
    [("Нұрлан", "Нурлан"), ("Әсел", "Асель"), ("Айгүл", "Айгуль"), ("Ғалия", "Галия"),
     ("Қайрат", "Кайрат"), ("Шыңғыс", "Чингис"), ("Гүлнар", "Гульнар"), ("Нұрсұлтан", "Нурсултан"),
     ("Әлия", "Алия"), ("Дәулет", "Даулет"), ("Сәуле", "Сауле"), ("Жәнібек", "Жанибек"),
     ("Ербол", "Ербол"), ("Бақытов", "Бахытов"), ("Әділов", "Адилов"), ("Рысбекұлы", "Рысбекулы"),
     ("Гауһар", "Гаухар")],
)  # fmt: skip
def test_russian_spelling(kk, russian):
    assert to_russian(kk) == russian


@pytest.mark.parametrize(
    ("kk", "russian"),
    [("Гүлжайна", "Гульжайна"), ("Әлжан", "Альжан"), ("Түлкібай", "Тулькибай"), ("Кемел", "Кемел")],
)
def test_russian_soft_sign_after_front_vowel_l_comes_from_the_rule_not_the_list(kk, russian):
    assert kk.lower() not in RUSSIAN_EXCEPTIONS
    assert to_russian(kk) == russian


def test_russian_exceptions_list_is_substantial_and_in_kazakh_spelling():
    assert len(RUSSIAN_EXCEPTIONS) >= 40
    for kazakh, russian in RUSSIAN_EXCEPTIONS.items():
        assert kazakh == kazakh.lower()
        assert not set(russian.lower()) & set("әғқңөұүһі"), russian


def test_forms_keep_separators_and_proper_case():
    assert to_kazakh_latin("ҚАСЫМ-ЖОМАРТ ТОҚАЕВ") == "Qasym-Jomart Toqaev"
    assert to_russian("айжан бекқұлова") == "Айжан Беккулова"


def test_name_forms_gives_exactly_the_six_forms():
    forms = name_forms("  Айжан   Бекқұлова ")
    assert forms == {
        "kk_cyrl": "Айжан Бекқұлова",
        "ru_cyrl": "Айжан Беккулова",
        "kk_latn": "Aijan Bekqūlova",
        "passport": "Aizhan Bekkulova",
        "bgn_pcgn": "Ayzhan Bekqūlova",
        "press": "Aizhan Bekkulova",
    }


@pytest.mark.parametrize(
    ("text", "script"),
    [("Айжан", "cyrillic"), ("Aizhan", "latin"), ("Äsel Qūlova", "latin"), ("Aйжан", "mixed"),
     ("123 -", ""), ("", "")],
)  # fmt: skip
def test_detect_script(text, script):
    assert detect_script(text) == script
