"""An artisan's own works: they may describe them, not file them into the museum's collection, and a co-maker
they add cannot take them off their own work."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from craftcity.works import services
from craftcity.works.models import Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def museum(make_user):
    return services.collection_create(
        actor=make_user(role="curator"), slug="kasteyev", name={"en": "Kasteyev museum"}, owner=None
    )


@pytest.fixture
def maker(make_user, make_person):
    user = make_user(role="artisan", is_staff=True)
    return user, make_person("Бота Жемелхан", user=user)


def test_an_artisan_cannot_file_a_draft_into_a_collection_with_an_accession_number(maker, museum, make_user):
    user, person = maker
    with pytest.raises(ValidationError) as refused:
        services.work_create(
            actor=user, title={"en": "Tekemet"}, makers=[person], collection=museum, accession_number="KP-1"
        )
    assert "Only curators file a work" in str(refused.value)
    work = services.work_create(actor=user, title={"en": "Tekemet"}, makers=[person])
    with pytest.raises(ValidationError):
        services.work_update(actor=user, work=work, accession_number="KP-1")
    # The number stays free for the museum's own work.
    curator = make_user(role="curator")
    theirs = services.work_create(
        actor=curator, title={"en": "Syrmak"}, makers=[person], collection=museum, accession_number="KP-1"
    )
    assert Work.objects.get(pk=theirs.pk).accession_number == "KP-1"


def test_the_api_and_the_back_office_refuse_the_same(client, maker, museum):
    user, person = maker
    work = services.work_create(actor=user, title={"en": "Tekemet"}, makers=[person])
    client.force_login(user)
    response = client.patch(
        f"/api/v1/works/{work.pk}/", {"collection": museum.slug, "accession_number": "KP-9"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400 and "collection" in response.json()["error"]["fields"]
    page = client.get(f"/en/admin/works/work/{work.pk}/change/").content.decode()
    assert 'name="accession_number"' not in page and 'name="collection"' not in page
    assert Work.objects.get(pk=work.pk).collection is None


def test_a_co_maker_cannot_take_the_first_maker_off_the_work(maker, make_user, make_person):
    user, person = maker
    partner_user = make_user(role="artisan")
    partner = make_person("Дулат Әшімов", user=partner_user)
    work = services.work_create(actor=user, title={"en": "Tekemet"}, makers=[person])
    services.work_makers_set(actor=user, work=work, makers=[person, partner])  # adding a co-maker is fine
    with pytest.raises(PermissionDenied, match="Only curators remove another maker"):
        services.work_makers_set(actor=partner_user, work=work, makers=[partner])
    assert set(work.work_makers.values_list("person_id", flat=True)) == {person.pk, partner.pk}
    curator = make_user(role="curator")
    services.work_makers_set(actor=curator, work=work, makers=[person])
    assert list(work.work_makers.values_list("person_id", flat=True)) == [person.pk]
