"""The name lists the generators build people from."""

import pytest

from namekit import (
    KAZAKH_GIVEN_NAMES_FEMALE,
    KAZAKH_GIVEN_NAMES_MALE,
    KAZAKH_SURNAME_STEMS,
    make_surname,
    parse_name,
)

ALL_LISTS = [KAZAKH_GIVEN_NAMES_FEMALE, KAZAKH_GIVEN_NAMES_MALE, KAZAKH_SURNAME_STEMS]


def test_lists_are_large_enough_for_realistic_demo_data():
    assert len(KAZAKH_GIVEN_NAMES_FEMALE) >= 80
    assert len(KAZAKH_GIVEN_NAMES_MALE) >= 80
    assert len(KAZAKH_SURNAME_STEMS) >= 120


@pytest.mark.parametrize("names", ALL_LISTS)
def test_lists_are_capitalized_cyrillic_without_duplicates(names):
    assert len(set(names)) == len(names)
    for name in names:
        assert name[0].isupper() and name[1:].islower(), name
        assert all("\u0400" <= char <= "\u04ff" for char in name), name


def test_a_name_is_not_on_both_given_lists():
    assert not set(KAZAKH_GIVEN_NAMES_FEMALE) & set(KAZAKH_GIVEN_NAMES_MALE)


@pytest.mark.parametrize(
    ("stem", "gender", "style", "surname"),
    [("Бекқұл", "male", "russian", "Бекқұлов"), ("Бекқұл", "female", "russian", "Бекқұлова"),
     ("Жұмабай", "male", "russian", "Жұмабаев"), ("Сейітқали", "female", "russian", "Сейітқалиева"),
     ("Тоқа", "male", "russian", "Тоқаев"), ("Рысбек", "male", "kazakh", "Рысбекұлы"),
     ("Рысбек", "female", "kazakh", "Рысбекқызы")],
)  # fmt: skip
def test_make_surname(stem, gender, style, surname):
    assert make_surname(stem, gender, style) == surname


def test_make_surname_rejects_unknown_gender():
    with pytest.raises(ValueError, match="gender"):
        make_surname("Бекқұл", "other")


def test_every_listed_given_name_parses_as_a_given_name_with_its_gender():
    for names, gender in ((KAZAKH_GIVEN_NAMES_FEMALE, "female"), (KAZAKH_GIVEN_NAMES_MALE, "male")):
        for name in names:
            parsed = parse_name(name)
            assert parsed.given == name, parsed
            assert parsed.gender_hint in (gender, ""), parsed


def test_every_generated_surname_parses_as_a_family_name_with_its_gender():
    for stem in KAZAKH_SURNAME_STEMS:
        for gender in ("male", "female"):
            for style in ("russian", "kazakh"):
                surname = make_surname(stem, gender, style)
                parsed = parse_name(f"Айжан {surname}" if gender == "female" else f"Серік {surname}")
                assert parsed.family == surname, parsed
                assert parsed.gender_hint == gender, parsed
