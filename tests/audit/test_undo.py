import pytest
from django.core.exceptions import ValidationError

from craftcity.audit.context import change_batch
from craftcity.audit.models import ChangeBatch
from craftcity.audit.services import batch_undo
from craftcity.organizations.services import membership_create
from craftcity.people.models import Person
from craftcity.people.services import person_update
from craftcity.taxonomy.models import CreativeField, Discipline

pytestmark = pytest.mark.django_db


@pytest.fixture
def disciplines(db):
    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    return [Discipline.objects.create(slug=slug, field=crafts, name={"en": slug}) for slug in ("felt", "jewellery")]


def test_every_change_records_who_when_old_and_new(make_person, make_user):
    registrar = make_user("registrar", role="registrar")
    person = make_person()
    person_update(actor=registrar, person=person, birth_year=1975)
    latest, previous = person.history.all()[:2]
    assert latest.history_user == registrar
    assert latest.batch is not None and latest.batch.user == registrar
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("birth_year", None, 1975)]


def test_undoing_an_edit_restores_fields_and_many_to_many(make_person, make_user, disciplines):
    registrar = make_user(role="registrar")
    person = make_person(birth_year=1970, disciplines=[disciplines[0]])
    person_update(actor=registrar, person=person, birth_year=1971, disciplines=[disciplines[1]])
    batch = person.history.first().batch
    batch_undo(actor=registrar, batch=batch)
    person = Person.objects.get(pk=person.pk)
    assert person.birth_year == 1970
    assert list(person.disciplines.values_list("slug", flat=True)) == ["felt"]
    batch.refresh_from_db()
    assert batch.undone_at is not None and batch.undone_by.kind == ChangeBatch.Kind.UNDO


def test_undoing_a_batch_removes_what_it_created_and_brings_back_what_it_deleted(
    make_person, make_user, make_organization
):
    keep = make_person("Keep")
    gone = make_person("Gone")
    union = make_organization("union")
    gone_pk = gone.pk
    with change_batch(label="import", kind=ChangeBatch.Kind.IMPORT) as batch:
        created = make_person("New")
        membership_create(person=keep, organization=union)
        gone.delete()
    batch_undo(batch=batch)
    assert not Person.objects.filter(pk=created.pk).exists()
    assert keep.memberships.count() == 0
    restored = Person.objects.get(pk=gone_pk)
    assert restored.display_name == "Gone"


def test_undo_refuses_to_overwrite_a_later_change(make_person, make_user):
    registrar = make_user(role="registrar")
    person = make_person()
    person_update(actor=registrar, person=person, birth_year=1980)
    first = person.history.first().batch
    person_update(actor=registrar, person=person, birth_year=1981)
    with pytest.raises(ValidationError) as error:
        batch_undo(actor=registrar, batch=first)
    assert "undo that change first" in " ".join(error.value.messages)
    person.refresh_from_db()
    assert person.birth_year == 1981


def test_a_batch_cannot_be_undone_twice_and_artisans_cannot_undo(make_person, make_user):
    registrar = make_user(role="registrar")
    person = make_person()
    person_update(actor=registrar, person=person, birth_year=1980)
    batch = person.history.first().batch
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        batch_undo(actor=make_user(role="artisan"), batch=batch)
    batch_undo(actor=make_user(is_superuser=True), batch=batch)
    with pytest.raises(ValidationError):
        batch_undo(batch=batch)
