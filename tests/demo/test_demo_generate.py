import pytest
from django.core.management.base import CommandError

from craftcity.lineage import graph
from craftcity.lineage.models import Dynasty, Relation
from craftcity.people.models import Person, PersonName


def names() -> list[tuple[str, str]]:
    return list(PersonName.objects.order_by("person_id", "form").values_list("form", "full_name"))


@pytest.mark.django_db
def test_same_seed_same_registry(command):
    command("generate_people", count=120, seed=7, batch_size=50, verbosity=0)
    first = names()
    assert Person.objects.filter(is_demo=True).count() == 120
    command("generate_people", count=120, seed=7, replace=True, verbosity=0)
    assert names() == first
    assert Person.objects.count() == 120

    command("generate_people", count=120, seed=8, replace=True, verbosity=0)
    assert names() != first


@pytest.mark.django_db
def test_generated_dynasties_are_derived(command):
    command("generate_people", count=200, seed=3, verbosity=0)
    edges = list(Relation.objects.values_list("senior_id", "junior_id"))
    dynasties = list(Dynasty.objects.all())
    assert dynasties
    for dynasty in dynasties:
        expected = graph.generations(dynasty.founder_id, edges)
        assert dict(dynasty.members.values_list("person_id", "generation")) == expected
        assert dynasty.generation_count == max(expected.values())
    assert any(d.generation_count >= 2 for d in dynasties)


@pytest.mark.django_db
def test_a_second_registry_needs_replace(command):
    command("generate_people", count=30, seed=1, verbosity=0)
    with pytest.raises(CommandError, match="--replace"):
        command("generate_people", count=30, seed=1, verbosity=0)
    command("remove_demo", no_history=True, verbosity=0)
    assert not Person.objects.exists()
