"""The history's revert screen is an edit like any other: it brings back only what the user could change on the
change form. An artisan who reverts their profile or work to an earlier version cannot undo moderation."""

import pytest
from admin_forms import form_fields

from craftcity.people.models import Person
from craftcity.people.services import person_update
from craftcity.works import services as works
from craftcity.works.models import Work

pytestmark = pytest.mark.django_db


def _revert(client, url_base, version):
    url = f"{url_base}history/{version}/"
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_fields(page), follow=True)


@pytest.fixture
def artisan(client, make_user, make_person):
    user = make_user("bota", role="artisan", is_staff=True)
    person = make_person(
        "Бота Жемелхан", user=user, status="published", verification="verified", biography={"en": "Old"}
    )
    return client, user, person


def test_an_artisan_reverting_their_profile_keeps_the_registrars_moderation(artisan, make_user):
    client, _user, person = artisan
    published = person.history.order_by("history_id").last().history_id
    person_update(person=person, biography={"en": "New"})
    person_update(actor=make_user(role="registrar"), person=person, status="draft", verification="disputed")
    client.force_login(_user)
    response = _revert(client, f"/en/admin/people/person/{person.pk}/", published)
    person.refresh_from_db()
    assert person.biography["en"] == "Old", "what the artisan may edit is reverted"
    assert (person.status, person.verification) == ("draft", "disputed")
    assert "Kept as they are now, because you may not change them" in response.content.decode()


def test_a_registrar_reverting_restores_status_and_verification(client, make_user, make_person):
    person = make_person("Дулат Әшімов", status="published", verification="verified")
    version = person.history.order_by("history_id").last().history_id
    registrar = make_user(role="registrar", is_staff=True)
    person_update(actor=registrar, person=person, status="draft", verification="disputed")
    client.force_login(registrar)
    _revert(client, f"/en/admin/people/person/{person.pk}/", version)
    person.refresh_from_db()
    assert (person.status, person.verification) == ("published", "verified")


def test_an_artisan_cannot_republish_a_withdrawn_work_by_reverting(artisan, make_user):
    client, user, person = artisan
    work = works.work_create(title={"en": "Tekemet"}, makers=[person])
    works.work_publish(work=work)
    published = work.history.order_by("history_id").last().history_id
    works.work_withdraw(actor=make_user(role="curator"), work=work)
    client.force_login(user)
    _revert(client, f"/en/admin/works/work/{work.pk}/", published)
    work.refresh_from_db()
    assert work.status == Work.Status.WITHDRAWN


def test_a_revert_is_one_change_batch_that_undo_takes_back(artisan):
    from craftcity.audit.models import ChangeBatch
    from craftcity.audit.services import batch_undo

    client, user, person = artisan
    first = person.history.order_by("history_id").last().history_id
    person_update(person=person, biography={"en": "New"})
    client.force_login(user)
    _revert(client, f"/en/admin/people/person/{person.pk}/", first)
    batch = ChangeBatch.objects.filter(label__startswith="revert").get()
    batch_undo(batch=batch)
    assert Person.objects.get(pk=person.pk).biography["en"] == "New"
