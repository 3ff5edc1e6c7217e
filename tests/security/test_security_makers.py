"""A co-maker an artisan added to their work may not take the artisan's credit: neither remove them nor turn
their role into another (a "maker" made an "assistant" or "attributed to" is taken off the work in all but name)."""

import pytest
from admin_forms import form_fields
from django.core.exceptions import PermissionDenied

from craftcity.works import services
from craftcity.works.models import WorkMaker

pytestmark = pytest.mark.django_db

MAKER, ASSISTANT = WorkMaker.Role.MAKER, WorkMaker.Role.ASSISTANT


@pytest.fixture
def shared_work(make_user, make_person):
    """Bota's work, on which she named Dulat as her co-maker."""
    bota_user, dulat_user = make_user(role="artisan", is_staff=True), make_user(role="artisan", is_staff=True)
    bota, dulat = make_person("Бота Жемелхан", user=bota_user), make_person("Дулат Әшімов", user=dulat_user)
    work = services.work_create(actor=bota_user, title={"en": "Tekemet"}, makers=[(bota, MAKER)])
    services.work_makers_set(actor=bota_user, work=work, makers=[(bota, MAKER), (dulat, MAKER)])
    return work, (bota_user, bota), (dulat_user, dulat)


def _credits(work):
    return set(work.work_makers.values_list("person_id", "role"))


def test_a_co_maker_cannot_demote_the_first_maker(shared_work):
    work, (_bota_user, bota), (dulat_user, dulat) = shared_work
    with pytest.raises(PermissionDenied, match="Only curators change the role of another maker"):
        services.work_makers_set(actor=dulat_user, work=work, makers=[(bota, ASSISTANT), (dulat, MAKER)])
    with pytest.raises(PermissionDenied):  # nor by adding her again in a lesser role and dropping the first row
        services.work_makers_set(
            actor=dulat_user, work=work, makers=[(dulat, MAKER), (bota, ASSISTANT), (bota, WorkMaker.Role.WORKSHOP)]
        )
    assert _credits(work) == {(bota.pk, MAKER), (dulat.pk, MAKER)}


def test_makers_still_change_their_own_role_and_add_others_and_curators_change_any(shared_work, make_user, make_person):
    work, (_bota_user, bota), (dulat_user, dulat) = shared_work
    helper = make_person("Әлия Көмекші")
    services.work_makers_set(
        actor=dulat_user, work=work, makers=[(bota, MAKER), (dulat, ASSISTANT), (helper, ASSISTANT)]
    )
    assert _credits(work) == {(bota.pk, MAKER), (dulat.pk, ASSISTANT), (helper.pk, ASSISTANT)}
    services.work_makers_set(actor=make_user(role="curator"), work=work, makers=[(bota, ASSISTANT), (dulat, MAKER)])
    assert _credits(work) == {(bota.pk, ASSISTANT), (dulat.pk, MAKER)}


def test_the_back_office_shows_the_refusal_on_the_form(client, shared_work):
    work, (_bota_user, bota), (dulat_user, _dulat) = shared_work
    client.force_login(dulat_user)
    url = f"/en/admin/works/work/{work.pk}/change/"
    data = form_fields(client.get(url), "work_form")
    row = next(k for k, v in data.items() if k.endswith("-person") and v == str(bota.pk)).removesuffix("-person")
    data[f"{row}-role"] = ASSISTANT
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    assert "Only curators change the role of another maker" in response.content.decode()
    assert (bota.pk, MAKER) in _credits(work)


def test_the_refusal_is_in_the_makers_language(shared_work):
    from django.utils import translation

    work, (_bota_user, bota), (dulat_user, dulat) = shared_work
    for language, words in (("kk", "рөлін тек кураторлар"), ("ru", "роль другого автора")):
        with translation.override(language), pytest.raises(PermissionDenied, match=words):
            services.work_makers_set(actor=dulat_user, work=work, makers=[(bota, ASSISTANT), (dulat, MAKER)])


def test_the_api_refuses_the_same(client, shared_work):
    """The API names makers without roles (each is written as a maker): a co-maker's PATCH would have turned
    the first maker's own role into theirs."""
    work, (bota_user, bota), (dulat_user, dulat) = shared_work
    services.work_makers_set(actor=bota_user, work=work, makers=[(bota, WorkMaker.Role.DESIGNER), (dulat, MAKER)])
    client.force_login(dulat_user)
    response = client.patch(
        f"/api/v1/works/{work.pk}/", {"makers": [bota.pk, dulat.pk]}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "Only curators change the role of another maker" in response.content.decode()
    assert _credits(work) == {(bota.pk, WorkMaker.Role.DESIGNER), (dulat.pk, MAKER)}
