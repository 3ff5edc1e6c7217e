"""Transmission and viability: every rule of dossier/viability.py, and a craft counted by hand."""

import datetime as dt

import pytest

from craftcity.dossier.selectors import indicators_as_of
from craftcity.dossier.viability import CraftCounts, judge
from craftcity.lineage.models import Relation
from craftcity.lineage.services import relation_create
from craftcity.taxonomy.models import CreativeField, Discipline

from .conftest import Clock


def counts(**fields) -> CraftCounts:
    base = dict(practitioners=60, practitioners_before=55, masters=4, apprentices=6, completed=2, new=6, old=10,
                ever_recorded=12)  # fmt: skip
    return CraftCounts(**(base | fields))


@pytest.mark.parametrize(
    ("fields", "category", "reason"),
    [
        ({}, "viable", "6 apprentices in training (10% of practitioners)"),
        ({"practitioners": 4, "practitioners_before": 4}, "not_enough_data", "only 4 practitioners recorded"),
        ({"ever_recorded": 0, "apprentices": 0, "completed": 0}, "not_enough_data", "no master–apprentice relation"),
        (
            {"practitioners": 8, "practitioners_before": 8, "apprentices": 0, "completed": 0},
            "critically_endangered",
            "only 8 practitioners",
        ),
        ({"practitioners_before": 62, "apprentices": 0, "completed": 0}, "critically_endangered", "down −3%"),
        ({"practitioners_before": 60, "apprentices": 0, "completed": 0}, "endangered", "none completed in the last 5"),
        ({"practitioners_before": 70}, "endangered", "down −14% in a year"),
        ({"apprentices": 2}, "vulnerable", "apprentices are 3% of practitioners"),
        ({"practitioners": 20, "practitioners_before": 18, "apprentices": 2}, "vulnerable", "a small community"),
        ({"practitioners_before": 62}, "vulnerable", "down −3% in a year"),
        ({"old": 31}, "vulnerable", "most practitioners are 60 or older"),
        ({"apprentices": 0, "completed": 1}, "vulnerable", "apprentices are 0%"),  # a recent completion keeps it alive
    ],
)
def test_each_threshold_gives_its_category_and_says_why(fields, category, reason):
    judgement = judge(counts(**fields))
    assert judgement.category == category
    assert any(reason in text for text in judgement.reasons), judgement.reasons


@pytest.mark.parametrize("size", [5, 9, 12, 40, 49, 300])
@pytest.mark.parametrize("apprentices", [1, 2, 30])
def test_a_growing_craft_with_an_apprentice_is_never_endangered(size, apprentices):
    judgement = judge(counts(practitioners=size, practitioners_before=size - 1, apprentices=min(apprentices, size),
                             completed=0, old=size))  # fmt: skip
    assert not judgement.is_at_risk


@pytest.fixture
def felt_city(db, make_person):
    """Felt makers, written year by year (counted by hand in the tests below):

    2019  M1 (1950, master), M2 (1960, master), P1 (1980), P2 (1985), P3 (1990)
    2021  M1 → A1 apprenticeship 2017–2020 (completed), A1 (1998) joins
    2024  A2 (2004) and A3 (2005) join; M1 → A2 from 2024 (open), M2 → A3 2024–2025
          P4 (1995) joins, glass maker G1 joins (no relation ever recorded in glass)
    2025  P3 stops being published (a withdrawn record)
    """
    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    felt = Discipline.objects.create(slug="felt", field=field, name={"en": "Felt making"})
    glass = Discipline.objects.create(slug="glass", field=field, name={"en": "Glass"})
    clock, people = Clock(), {}

    def artisan(key, year, disciplines=(felt,)):
        people[key] = make_person(f"Шебер {key}", occupation="artisan", birth_year=year, disciplines=list(disciplines))

    with clock.at(dt.date(2019, 3, 1)):
        for key, year in [("M1", 1950), ("M2", 1960), ("P1", 1980), ("P2", 1985), ("P3", 1990)]:
            artisan(key, year)
    with clock.at(dt.date(2021, 3, 1)):
        artisan("A1", 1998)
        relation_create(kind=Relation.Kind.APPRENTICESHIP, senior=people["M1"], junior=people["A1"],
                        start_year=2017, end_year=2020)  # fmt: skip
    with clock.at(dt.date(2024, 3, 1)):
        artisan("A2", 2004)
        artisan("A3", 2005)
        artisan("P4", 1995)
        artisan("G1", 1970, disciplines=(glass,))
        relation_create(kind=Relation.Kind.APPRENTICESHIP, senior=people["M1"], junior=people["A2"], start_year=2024)
        relation_create(kind=Relation.Kind.APPRENTICESHIP, senior=people["M2"], junior=people["A3"],
                        start_year=2024, end_year=2025)  # fmt: skip
    with clock.at(dt.date(2025, 2, 1)):
        from craftcity.people.services import person_update

        person_update(person=people["P3"], status="draft")
    return people


def table_rows(result, breakdown="craft"):
    return {str(row.label): row.values for row in result.table(breakdown).rows}


def test_transmission_counted_by_hand(felt_city):
    result = indicators_as_of(dt.date(2024, 12, 31))["masters_apprentices"]
    # 2024: M1 → A2 and M2 → A3 under way; A1 completed in 2020 (within 2020–2024);
    # new since 31 Dec 2023: A2, A3, P4 in felt (and G1 in glass).
    assert table_rows(result)["Felt making"] == (2, 2, 1, 3)
    role = {row.key: row.values[0] for row in result.table("role").rows}
    assert role == {"masters": 2, "apprentices": 2, "pairs": 2, "completed": 1, "new": 4, "recorded": 3}
    assert table_rows(result)["Glass"] == (0, 0, 0, 1)  # G1 is new; nobody teaches or learns glass


def test_viability_counted_by_hand(felt_city):
    result = indicators_as_of(dt.date(2024, 12, 31))["viability"]
    rows = table_rows(result)
    # Felt: M1 M2 P1 P2 P3 A1 A2 A3 P4 = 9 now; M1 M2 P1 P2 P3 A1 = 6 a year earlier (+50 %).
    felt = rows["Felt making"]
    assert felt[:5] == (9, 6, "+50%", 2, 1)
    # Growing, two apprentices: not at risk, though small (9 < 30): vulnerable.
    assert str(felt[5]) == "Vulnerable" and "only 9 practitioners" in felt[6]
    assert str(rows["Glass"][5]) == "Not enough data"
    assert result.total == 0


def test_when_transmission_stops_the_craft_is_said_to_be_at_risk_and_why(felt_city):
    # A2's apprenticeship is closed in 2025 too; by 2031 nobody has been in training or completed since 2025.
    from craftcity.lineage.services import relation_save

    relation = Relation.objects.get(junior=felt_city["A2"])
    relation.end_year = 2025
    with Clock().at(dt.date(2025, 12, 1)):
        relation_save(relation=relation)
    result = indicators_as_of(dt.date(2031, 6, 30))["viability"]
    felt = table_rows(result)["Felt making"]
    # 8 published felt makers (P3 withdrew), unchanged in a year, no apprentice, last completion 2025.
    assert felt[:5] == (8, 8, "+0%", 0, 0)
    assert str(felt[5]) == "Critically endangered"
    assert "no apprentice in training" in felt[6] and "only 8 practitioners" in felt[6]
    assert result.total == 1
