"""The works back office saves through the catalogue's services, so the rules the API keeps hold here too:
an artisan edits only their own works and stays one of their makers; curators keep a free hand."""

import pytest
from admin_forms import form_values
from django.utils import translation

from craftcity.audit.services import batch_undo
from craftcity.works import services
from craftcity.works.models import Work, WorkMaker

pytestmark = pytest.mark.django_db

REMOVE_SELF = {
    "en": "You cannot remove yourself from the makers of your own work.",
    "ru": "Нельзя убрать себя из авторов собственного произведения.",
    "kk": "Өз туындыңыздың авторлары қатарынан өзіңізді алып тастай алмайсыз.",
}


def row_of(data, person) -> int:
    """The index of the person's row in the makers inline."""
    return next(
        int(name.split("-")[1])
        for name, value in data.items()
        if name.endswith("-person") and value == [str(person.pk)]
    )


def change_url(work, language="en") -> str:
    return f"/{language}/admin/works/work/{work.pk}/change/"


@pytest.fixture
def artisan(make_user, make_person):
    user = make_user("bota", role="artisan")
    make_person("Бота Жемелхан", user=user)
    return user


@pytest.fixture
def partner(make_person):
    return make_person("Дулат Әшімов")


@pytest.fixture
def bowl(artisan, partner):
    return services.work_create(title={"en": "Felt bowl"}, makers=[artisan.person, partner])


def makers_of(work) -> list[tuple[str, str]]:
    """Makers by their Kazakh name (English pages show the derived Latin form)."""
    with translation.override("kk"):
        return [(str(m.person), m.role) for m in WorkMaker.objects.filter(work=work).order_by("position")]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_an_artisan_who_removes_themselves_as_maker_is_refused_and_stays_listed(
    client, artisan, partner, bowl, language
):
    client.force_login(artisan)
    data = form_values(client.get(change_url(bowl, language)), "work_form")
    data[f"work_makers-{row_of(data, artisan.person)}-DELETE"] = ["on"]
    data["title_en"] = ["Renamed bowl"]
    response = client.post(change_url(bowl, language), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert REMOVE_SELF[language] in html
    assert 'value="Renamed bowl"' in html  # what they typed is still on the form
    assert makers_of(bowl) == [("Бота Жемелхан", "maker"), ("Дулат Әшімов", "maker")]
    bowl.refresh_from_db()
    assert bowl.title["en"] == "Felt bowl"


@pytest.mark.parametrize("change", ["every maker deleted", "someone else in their place"])
def test_an_artisan_cannot_leave_their_work_without_them_as_maker(client, artisan, bowl, make_person, change):
    client.force_login(artisan)
    data = form_values(client.get(change_url(bowl)), "work_form")
    mine, theirs = row_of(data, artisan.person), 1 - row_of(data, artisan.person)
    if change == "every maker deleted":
        data[f"work_makers-{mine}-DELETE"] = data[f"work_makers-{theirs}-DELETE"] = ["on"]
    else:
        data[f"work_makers-{mine}-person"] = [str(make_person("Бөтен Адам").pk)]
    response = client.post(change_url(bowl), data)
    assert REMOVE_SELF["en"] in response.content.decode()
    assert makers_of(bowl) == [("Бота Жемелхан", "maker"), ("Дулат Әшімов", "maker")]


def test_an_artisan_edits_the_makers_of_their_own_work_while_staying_one(client, artisan, bowl):
    client.force_login(artisan)
    data = form_values(client.get(change_url(bowl)), "work_form")
    mine = row_of(data, artisan.person)
    data[f"work_makers-{mine}-role"] = [WorkMaker.Role.DESIGNER]
    # Taking a co-maker off is the curators' (else a co-maker could take the first maker off in turn).
    removing = {**data, f"work_makers-{1 - mine}-DELETE": ["on"]}
    refused = client.post(change_url(bowl), removing)
    assert refused.status_code == 200 and "Only curators remove another maker" in refused.content.decode()
    assert client.post(change_url(bowl), data).status_code == 302
    assert sorted(makers_of(bowl)) == sorted([("Бота Жемелхан", "designer"), ("Дулат Әшімов", "maker")])


def test_an_artisan_cannot_open_or_save_someone_elses_work(client, make_user, artisan, partner):
    theirs = services.work_create(title={"en": "Their rug"}, makers=[partner])
    client.force_login(make_user(role="curator"))
    data = form_values(client.get(change_url(theirs)), "work_form")
    data["title_en"] = ["Taken over"]
    data[f"work_makers-{row_of(data, partner)}-person"] = [str(artisan.person.pk)]

    client.force_login(artisan)
    assert "Their rug" not in client.get("/en/admin/works/work/").content.decode()
    assert client.get(change_url(theirs)).status_code in (302, 403, 404)
    assert client.post(change_url(theirs), data).status_code in (302, 403, 404)
    theirs.refresh_from_db()
    assert theirs.title["en"] == "Their rug"
    assert makers_of(theirs) == [("Дулат Әшімов", "maker")]


def test_an_artisan_adds_a_work_and_is_listed_as_its_maker(client, artisan):
    client.force_login(artisan)
    data = form_values(client.get("/en/admin/works/work/add/"), "work_form")
    data["title_en"] = ["New teapot"]
    assert client.post("/en/admin/works/work/add/", data).status_code == 302
    work = Work.objects.get(title__en="New teapot")
    assert work.status == Work.Status.DRAFT
    assert makers_of(work) == [("Бота Жемелхан", "maker")]
    assert "New teapot" in client.get("/en/admin/works/work/").content.decode()


def test_an_artisan_without_a_person_record_cannot_add_a_work(client, make_user):
    client.force_login(make_user(role="artisan"))
    data = form_values(client.get("/kk/admin/works/work/add/"), "work_form")
    data["title_en"] = ["Orphan"]
    response = client.post("/kk/admin/works/work/add/", data)
    assert response.status_code == 200
    assert "Сізге каталогқа туынды қосуға рұқсат жоқ." in response.content.decode()
    assert not Work.objects.exists()


def test_a_curator_edits_makers_freely_and_the_save_is_one_batch_that_can_be_undone(
    client, make_user, bowl, make_person
):
    curator = make_user(role="curator")
    newcomer = make_person("Жаңа Шебер")
    client.force_login(curator)
    data = form_values(client.get(change_url(bowl)), "work_form")
    data["work_makers-0-DELETE"] = data["work_makers-1-DELETE"] = ["on"]
    data["work_makers-2-person"], data["work_makers-2-role"] = [str(newcomer.pk)], [WorkMaker.Role.WORKSHOP]
    data["title_en"] = ["Felt bowl, restored"]
    assert client.post(change_url(bowl), data).status_code == 302
    assert makers_of(bowl) == [("Жаңа Шебер", "workshop")]

    batch = bowl.history.order_by("-history_id").first().batch
    assert batch.user == curator and batch.label == f"work {bowl.pk}"
    assert bowl.history.filter(batch=batch).count() == 1
    assert WorkMaker.history.filter(batch=batch).count() == 3  # two removed, one added

    batch_undo(actor=make_user(role="registrar"), batch=batch)
    bowl.refresh_from_db()
    assert bowl.title["en"] == "Felt bowl"
    assert makers_of(bowl) == [("Бота Жемелхан", "maker"), ("Дулат Әшімов", "maker")]


def test_reverting_a_work_from_its_history_still_saves_it(client, make_user, bowl):
    client.force_login(make_user(role="curator"))
    first = bowl.history.order_by("history_id").first()
    services.work_update(work=bowl, title={"en": "Felt bowl (misnamed)"})

    revert_url = f"/en/admin/works/work/{bowl.pk}/history/{first.history_id}/"
    assert client.post(revert_url, form_values(client.get(revert_url), "historicalwork_form")).status_code == 302
    bowl.refresh_from_db()
    assert bowl.title["en"] == "Felt bowl"
    assert makers_of(bowl) == [("Бота Жемелхан", "maker"), ("Дулат Әшімов", "maker")]


def test_a_curator_adds_a_work_with_makers_and_provenance_then_edits_them(client, make_user, partner):
    client.force_login(make_user(role="curator"))
    data = form_values(client.get("/en/admin/works/work/add/"), "work_form")
    data |= {
        "title_en": ["Silver belt"],
        "work_makers-0-person": [str(partner.pk)],
        "provenance-TOTAL_FORMS": ["1"],
        "provenance-0-kind": ["acquired"], "provenance-0-year_from": ["1998"], "provenance-0-party": ["Museum"],
        "provenance-0-position": ["0"],
    }  # fmt: skip
    assert client.post("/en/admin/works/work/add/", data).status_code == 302
    belt = Work.objects.get(title__en="Silver belt")
    assert makers_of(belt) == [("Дулат Әшімов", "maker")]
    assert [(e.kind, e.year_from, e.party) for e in belt.provenance.all()] == [("acquired", 1998, "Museum")]

    data = form_values(client.get(change_url(belt)), "work_form")
    data["provenance-0-year_to"], data["provenance-0-party"] = ["1999"], ["Central State Museum"]
    assert client.post(change_url(belt), data).status_code == 302
    assert [(e.year_from, e.year_to, e.party) for e in belt.provenance.all()] == [(1998, 1999, "Central State Museum")]
    assert makers_of(belt) == [("Дулат Әшімов", "maker")]


def test_a_maker_added_while_the_form_was_open_is_kept(client, make_user, artisan, partner, bowl, make_person):
    client.force_login(make_user(role="curator"))
    data = form_values(client.get(change_url(bowl)), "work_form")
    bowl.makers.add(make_person("Кейін Қосылған"), through_defaults={"position": 5})  # not through a service
    data[f"work_makers-{row_of(data, partner)}-role"] = [WorkMaker.Role.ASSISTANT]
    assert client.post(change_url(bowl), data).status_code == 302
    assert makers_of(bowl) == [("Бота Жемелхан", "maker"), ("Дулат Әшімов", "assistant"), ("Кейін Қосылған", "maker")]
