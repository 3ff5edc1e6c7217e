import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_name_add, person_update

pytestmark = pytest.mark.django_db


def test_a_person_reads_under_the_name_form_of_the_readers_language(make_person):
    person = make_person(
        names=[
            {"full_name": "Айжан Беккулова", "language": "kk", "form": "kk_cyrl", "is_primary": True},
            {"full_name": "Айжан Беккулова", "language": "ru", "form": "ru_cyrl", "is_primary": True},
            {"full_name": "Aizhan Bekkulova", "language": "en", "form": "press", "is_primary": True},
            {"full_name": "Aijan Bekkulova", "language": "en", "form": "press"},
        ]
    )
    with translation.override("en"):
        assert person.display_name == "Aizhan Bekkulova"
    with translation.override("kk"):
        assert person.display_name == "Айжан Беккулова"


def test_a_new_primary_name_replaces_the_old_primary_in_that_language(make_person):
    person = make_person("Рафиков Икрамжан", language="ru")
    person_name_add(person=person, full_name="Икрамжан Рафиков", language="ru", form="ru_cyrl", is_primary=True)
    primaries = list(person.names.filter(language="ru", is_primary=True).values_list("full_name", flat=True))
    assert primaries == ["Икрамжан Рафиков"]
    assert person.names.filter(is_derived=False).count() == 2


def test_the_database_refuses_two_primary_names_in_one_language(make_person):
    person = make_person()
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonName.objects.create(person=person, full_name="Other", language="kk", is_primary=True)


def test_a_person_needs_a_name(db):
    from craftcity.people.services import person_create

    with pytest.raises(ValidationError) as error:
        person_create(names=[])
    assert "names" in error.value.message_dict


def test_birth_date_must_agree_with_birth_year(make_person):
    person = make_person()
    import datetime

    with pytest.raises(ValidationError) as error:
        person_update(person=person, birth_year=1980, birth_date=datetime.date(1981, 5, 1))
    assert "birth_date" in error.value.message_dict
    person.refresh_from_db()
    assert person.birth_year is None  # nothing half-saved


def test_an_artisan_edits_their_own_profile_but_not_anothers(make_person, make_user):
    artisan = make_user("bota", role="artisan")
    own = make_person("Бота Жемелхан", user=artisan)
    other = make_person("Дулат Әшімов")
    person_update(actor=artisan, person=own, biography={"kk": "Шебер"})
    own.refresh_from_db()
    assert own.biography.text("kk") == "Шебер"
    with pytest.raises(PermissionDenied):
        person_update(actor=artisan, person=other, biography={"kk": "Басқа"})
    other.refresh_from_db()
    assert not other.biography


def test_an_artisan_cannot_verify_or_publish_themselves(make_person, make_user):
    artisan = make_user(role="artisan")
    own = make_person(user=artisan, status="draft")
    with pytest.raises(PermissionDenied):
        person_update(actor=artisan, person=own, verification=Person.Verification.VERIFIED)
    with pytest.raises(PermissionDenied):
        person_update(actor=artisan, person=own, status="published")


def test_a_registrar_edits_anyone_and_consent_is_timestamped(make_person, make_user):
    registrar = make_user(role="registrar")
    person = make_person()
    person_update(actor=registrar, person=person, phone="+7 701 123 45 67", is_phone_public=True)
    person.refresh_from_db()
    assert person.is_phone_public and person.consent_recorded_at is not None


def test_the_public_sees_only_published_unmerged_people(make_person, make_user):
    published = make_person("Published")
    draft = make_person("Draft", status="draft")
    merged = make_person("Merged")
    Person.objects.filter(pk=merged.pk).update(merged_into=published)
    from django.contrib.auth.models import AnonymousUser

    visible = set(Person.objects.visible_to(AnonymousUser()))
    assert visible == {published}
    assert draft in set(Person.objects.visible_to(make_user(role="registrar")))
