import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from craftcity.lineage.graph import generations, would_close_cycle
from craftcity.lineage.models import Relation
from craftcity.lineage.services import dynasty_create, relation_create, relation_delete

pytestmark = pytest.mark.django_db


def test_generations_take_the_shortest_line_from_the_founder():
    edges = [(1, 2), (2, 3), (3, 4), (1, 4), (5, 6)]
    assert generations(1, edges) == {1: 1, 2: 2, 3: 3, 4: 2}


def test_a_cycle_is_detected_through_several_steps():
    edges = [(1, 2), (2, 3)]
    assert would_close_cycle(3, 1, edges)
    assert not would_close_cycle(1, 3, edges)
    assert would_close_cycle(2, 2, edges)


@pytest.fixture
def family(make_person):
    people = {name: make_person(name) for name in ["Ата", "Әке", "Бала", "Немере", "Шәкірт"]}
    relation_create(kind="family", senior=people["Ата"], junior=people["Әке"])
    relation_create(kind="family", senior=people["Әке"], junior=people["Бала"])
    relation_create(kind="family", senior=people["Бала"], junior=people["Немере"])
    relation_create(
        kind="apprenticeship", senior=people["Әке"], junior=people["Шәкірт"], start_year=1990, end_year=1995
    )
    return people


def test_dynasty_generations_and_members_are_derived_from_relations(family):
    dynasty = dynasty_create(slug="zerger", name={"kk": "Зергерлер әулеті"}, founder=family["Ата"])
    assert dynasty.generation_count == 4
    assert dynasty.member_count == 5
    by_person = {m.person.pk: m.generation for m in dynasty.members.select_related("person")}
    by_person = {name: by_person[person.pk] for name, person in family.items()}
    assert by_person == {"Ата": 1, "Әке": 2, "Бала": 3, "Немере": 4, "Шәкірт": 3}


def test_a_family_only_dynasty_leaves_apprentices_out(family):
    dynasty = dynasty_create(slug="family", name={"en": "Family"}, founder=family["Ата"], includes_apprentices=False)
    assert dynasty.member_count == 4


def test_removing_a_relation_shrinks_the_dynasty(family):
    dynasty = dynasty_create(slug="zerger", name={"kk": "Зергерлер"}, founder=family["Ата"])
    link = Relation.objects.get(senior=family["Бала"], junior=family["Немере"])
    relation_delete(relation=link)
    dynasty.refresh_from_db()
    assert (dynasty.generation_count, dynasty.member_count) == (3, 4)


def test_an_apprentice_cannot_become_their_masters_master(family):
    with pytest.raises(ValidationError) as error:
        relation_create(kind="family", senior=family["Немере"], junior=family["Ата"])
    assert "cycle" in " ".join(error.value.messages)
    relation_create(kind="apprenticeship", senior=family["Шәкірт"], junior=family["Немере"])
    with pytest.raises(ValidationError):
        relation_create(kind="apprenticeship", senior=family["Немере"], junior=family["Әке"])


def test_no_one_is_their_own_master_and_years_stay_in_order(make_person):
    master = make_person("Шебер")
    with pytest.raises(ValidationError):
        relation_create(kind="apprenticeship", senior=master, junior=master)
    with pytest.raises(ValidationError):
        relation_create(
            kind="apprenticeship", senior=master, junior=make_person("Шәкірт"), start_year=2000, end_year=1999
        )
    assert Relation.objects.count() == 0


def test_only_registrars_change_lineages(make_person, make_user):
    with pytest.raises(PermissionDenied):
        relation_create(
            actor=make_user(role="artisan"), kind="family", senior=make_person("A"), junior=make_person("B")
        )
