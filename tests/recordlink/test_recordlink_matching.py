"""Matching on hard negatives: relatives and namesakes stay apart, one person across scripts merges.

EM needs a population to learn from, so each scenario is embedded in a small generated list (seed
fixed); the assertions look only at the hand-written records.
"""

import pytest

from bench.linkage.generate import generate
from recordlink import dedupe


@pytest.fixture(scope="module")
def background():
    rows = generate(400, seed=11)
    return [{k: v for k, v in r.items() if k != "person_id"} for r in rows]


def _labels(background, records):
    rows = background + records
    result = dedupe(rows)
    return dict(zip((r["id"] for r in rows), result.labels, strict=True))


def test_same_person_in_cyrillic_and_passport_latin_with_swapped_order_is_merged(background):
    records = [
        {
            "id": "a1",
            "full_name": "Жұмабаева Әсел Серікқызы",
            "birth_year": "1984",
            "region": "Абай облысы",
            "craft": "зергерлік",
            "phone": "8(701)5550101",
        },
        {
            "id": "a2",
            "full_name": "Assel Zhumabayeva",
            "birth_year": "1984",
            "region": "Abai Region",
            "craft": "jewellery",
            "phone": "+7 701 555 01 01",
        },
        {
            "id": "a3",
            "full_name": "ЖУМАБАЕВА АСЕЛЬ",
            "birth_year": "1985",
            "region": "Абайская область",
            "craft": "ювелирное дело",
        },
    ]
    labels = _labels(background, records)
    assert labels["a1"] == labels["a2"] == labels["a3"]


def test_father_and_son_of_one_dynasty_are_not_merged(background):
    records = [
        {
            "id": "f1",
            "full_name": "Тоқтаров Серік Қайратұлы",
            "birth_year": "1952",
            "region": "Түркістан облысы",
            "craft": "ағаш ою",
            "phone": "87075550202",
            "organization": "Шебер Түркістан",
        },
        {
            "id": "f2",
            "full_name": "Serik Toktarov",
            "birth_year": "1952",
            "region": "Turkistan Region",
            "craft": "wood carving",
            "phone": "+7 707 555 02 02",
        },
        {
            "id": "s1",
            "full_name": "Тоқтаров Ерлан Серікұлы",
            "birth_year": "1979",
            "region": "Түркістан облысы",
            "craft": "ағаш ою",
            "phone": "87075550202",
            "organization": "Шебер Түркістан",
        },
        {
            "id": "s2",
            "full_name": "Toktarov Erlan",
            "birth_year": "1979",
            "region": "Туркестанская область",
            "craft": "резьба по дереву",
        },
    ]
    labels = _labels(background, records)
    assert labels["f1"] == labels["f2"]
    assert labels["s1"] == labels["s2"]
    assert labels["f1"] != labels["s1"]  # same surname, region, craft, organization and even phone


def test_mother_and_daughter_with_female_surname_are_not_merged(background):
    records = [
        {"id": "m1", "full_name": "Омарова Гүлнар", "birth_year": "1960", "region": "Атырау облысы", "craft": "кесте"},
        {"id": "d1", "full_name": "Омарова Айгерім", "birth_year": "1988", "region": "Атырау облысы", "craft": "кесте"},
    ]
    labels = _labels(background, records)
    assert labels["m1"] != labels["d1"]


def test_namesakes_with_different_birth_years_and_regions_are_not_merged(background):
    records = [
        {
            "id": "n1",
            "full_name": "Нұрлан Ахметов",
            "birth_year": "1961",
            "region": "Павлодар облысы",
            "craft": "қыш",
            "phone": "87015550303",
        },
        {
            "id": "n2",
            "full_name": "Нурлан Ахметов",
            "birth_year": "1990",
            "region": "Маңғыстау облысы",
            "craft": "тері",
            "phone": "87775550404",
        },
    ]
    labels = _labels(background, records)
    assert labels["n1"] != labels["n2"]
