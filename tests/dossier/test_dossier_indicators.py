"""Indicator values match hand counts, and as-of dates respect the history."""

import datetime as dt

import pytest

from craftcity.dossier import indicators
from craftcity.dossier.asof import Snapshot
from craftcity.dossier.indicators import (
    Indicator,
    IndicatorDefinitionError,
    Result,
    T,
    register,
    validate,
)
from craftcity.dossier.selectors import indicators_as_of
from craftcity.people.models import Person

pytestmark = pytest.mark.django_db


def values(result, breakdown):
    return {str(row.label): row.values[0] for row in result.table(breakdown).rows}


def test_practitioners_before_the_later_additions_and_changes(registry):
    result = indicators_as_of(dt.date(2021, 1, 1))["practitioners"]
    # A, B, F and A's duplicate G were there; C not yet; D organises, E is a draft.
    assert result.total == 4
    assert values(result, "discipline") == {"Jewellery": 4, "Felt": 1}


def test_practitioners_after_unpublishing_and_merging(registry):
    result = indicators_as_of(dt.date(2024, 1, 1))["practitioners"]
    # F withdrew in 2023 and G was merged into A: A, B and C remain, each counted once.
    assert result.total == 3
    assert values(result, "discipline") == {"Jewellery": 2, "Felt": 2}
    assert values(result, "region") == {"Almaty": 2, "Astana": 1}
    assert values(result, "gender") == {"Female": 2, "Male": 1}
    assert values(result, "age_band") == {"30–44": 2, "0–29": 1}
    assert values(result, "country") == {"Kazakhstan": 3}


def test_a_merged_duplicate_counts_twice_only_before_the_merge(registry):
    assert indicators_as_of(dt.date(2023, 5, 31))["practitioners"].total == 4  # A, B, C, G
    assert indicators_as_of(dt.date(2023, 6, 1))["practitioners"].total == 3


def test_masters_and_apprentices_follow_the_relation_years(registry):
    before = indicators_as_of(dt.date(2021, 12, 31))["masters_apprentices"]
    after = indicators_as_of(dt.date(2024, 1, 1))["masters_apprentices"]
    assert before.total == 0
    assert values(after, "role") == {
        "Active masters": 1,
        "Apprentices in training": 1,
        "Master–apprentice pairs": 1,
        "Apprenticeships completed in the last 5 years": 0,
        "New practitioners in the last 12 months": 0,  # C joined in March 2022, more than a year before
        "Apprenticeships recorded since records began": 1,
    }
    # A (jewellery) teaches C (felt): the apprenticeship passes on the apprentice's craft.
    assert {str(row.label): row.values for row in after.table("craft").rows} == {"Felt": (1, 1, 0, 0)}


def test_the_same_inputs_give_the_same_numbers_in_the_same_order(registry):
    first = indicators_as_of(dt.date(2024, 1, 1))
    second = indicators_as_of(dt.date(2024, 1, 1))
    flat = [
        lambda results: [
            (code, table.breakdown, row.key, row.values)
            for code, result in results.items()
            for table in result.tables
            for row in table.rows
        ]
    ][0]
    assert flat(first) == flat(second)


def test_bulk_loaded_people_without_history_exist_from_their_creation(registry):
    """generate_people writes no history rows: such people count from their created_at on."""
    from django.utils import timezone

    kz = registry["kz"]
    [bulk] = Person.objects.bulk_create([Person(occupation="artisan", country=kz)])
    Person.objects.filter(pk=bulk.pk).update(created_at=timezone.make_aware(dt.datetime(2022, 6, 1)))
    assert not Person.history.filter(id=bulk.pk).exists()
    assert indicators_as_of(dt.date(2022, 5, 31))["practitioners"].total == 5  # A B C F G
    assert indicators_as_of(dt.date(2022, 6, 1))["practitioners"].total == 6


def test_viability_compares_with_a_year_earlier_and_says_when_it_cannot_judge(registry):
    result = indicators_as_of(dt.date(2022, 12, 31))["viability"]
    rows = {str(row.label): row.values for row in result.table("craft").rows}
    # Felt: B and C now, B a year earlier; C is A's apprentice. Two people are too few to judge.
    assert rows["Felt"][:5] == (2, 1, "+100%", 1, 0)
    assert str(rows["Felt"][5]) == "Not enough data"
    assert "only 2 practitioners recorded" in rows["Felt"][6]
    assert result.total == 0  # no craft is called endangered on two records


def test_every_registered_definition_is_sound():
    assert indicators.validate_all() == []
    assert {"practitioners", "masters_apprentices", "dynasties", "viability", "organizations", "places",
            "awards", "partner_cooperation"} <= set(indicators.REGISTRY)  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "Bad Code"}, "code must be"),
        ({"name": {"en": "Works", "ru": "Работы"}}, "name lacks kk"),
        ({"breakdowns": ("colour",)}, "unknown breakdown"),
        ({"compute": None}, "not callable"),
    ],
)
def test_a_faulty_definition_is_refused_with_a_clear_message(changes, message):
    fields = {
        "code": "works",
        "name": T("Туындылар", "Работы", "Works"),
        "counts": T("Туындылар", "Работы", "Works catalogued"),
        "breakdowns": ("kind",),
        "compute": lambda snap: Result(0),
        **changes,
    }
    with pytest.raises(IndicatorDefinitionError, match=message):
        validate(Indicator(**fields))


def test_another_app_registers_an_indicator_and_a_wrong_result_is_caught(registry):
    broken = Indicator("test_events", T("a", "b", "c"), T("a", "b", "c"), ("kind",), lambda snap: Result(1))
    register(broken)
    try:
        with pytest.raises(IndicatorDefinitionError, match="declared breakdowns"):
            indicators.compute(broken, Snapshot(dt.date(2024, 1, 1)))
        with pytest.raises(IndicatorDefinitionError, match="registered twice"):
            register(Indicator("test_events", T("a", "b", "c"), T("a", "b", "c"), (), lambda snap: Result(1)))
    finally:
        indicators.REGISTRY.pop("test_events")


def test_the_home_page_and_the_dossier_count_practitioners_the_same_way(registry, client):
    from django.utils import timezone

    today = indicators_as_of(timezone.localdate())["practitioners"].total
    assert today == Person.objects.practitioners().count() == 3  # A, B, C
    page = client.get("/en/").content.decode()
    figures = page[page.index('id="figures-heading"') :]
    assert "<dt>Practitioners</dt><dd>3</dd>" in figures
    assert "<dt>People in the registry</dt><dd>4</dd>" in figures  # with D, who organises
