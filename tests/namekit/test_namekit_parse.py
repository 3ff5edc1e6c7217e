"""Given name, family name and patronymic found whatever the order and script."""

import pytest

from namekit import ParsedName, parse_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aijan Bekkulova", ParsedName("Aijan", "Bekkulova", "", "female")),
        ("Bekkulova Aizhan", ParsedName("Aizhan", "Bekkulova", "", "female")),
        ("Рафиков Икрамжан", ParsedName("Икрамжан", "Рафиков", "", "male")),
        ("Серік Рысбекұлы", ParsedName("Серік", "Рысбекұлы", "", "male")),
        ("Серик Рысбек улы", ParsedName("Серик", "Рысбек улы", "", "male")),
        ("Aruzhan Serikkyzy", ParsedName("Aruzhan", "Serikkyzy", "", "female")),
        ("Бекқұлов Серік Рысбекұлы", ParsedName("Серік", "Бекқұлов", "Рысбекұлы", "male")),
        ("Иванова Мария Петровна", ParsedName("Мария", "Иванова", "Петровна", "female")),
        ("Rafikov Ikramzhan Rafikovich", ParsedName("Ikramzhan", "Rafikov", "Rafikovich", "male")),
        ("Рысбек Серік", ParsedName("Серік", "Рысбек", "", "male")),
        ("Серік Рысбек", ParsedName("Серік", "Рысбек", "", "male")),
        ("Мадина Жұмабаева", ParsedName("Мадина", "Жұмабаева", "", "female")),
        ("Ирина", ParsedName("Ирина", "", "", "female")),
        ("Беккулова", ParsedName("", "Беккулова", "", "female")),
        ("Bekkulova A.", ParsedName("A", "Bekkulova", "", "female")),
        ("", ParsedName()),
    ],
)
def test_parse_name(text, expected):
    assert parse_name(text) == expected


def test_gender_is_kept_as_a_signal_for_otherwise_equal_names():
    assert parse_name("Серік Рысбеков").gender_hint == "male"
    assert parse_name("Серік Рысбекова").gender_hint == "female"


def test_an_ending_wins_over_the_given_name_list_for_gender():
    # Арман is on the male list, but a -қызы ending is unambiguous: she is someone's daughter.
    assert parse_name("Арман Серікқызы").gender_hint == "female"
