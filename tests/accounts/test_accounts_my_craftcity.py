"""My craftcity beyond the profile: works (a draft a curator publishes or returns with remarks), applications,
one's data and its removal, and the organizations an editor keeps. Nobody reaches what is not theirs."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from craftcity.people.services import person_account_link
from craftcity.works import services
from craftcity.works.models import Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def artisan(make_person, make_user):
    user = make_user("aigul", email="aigul@example.org")
    person = make_person("Айгүл Тұралиева", status="published")
    person_account_link(person=person, user=user)
    return person


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (190, 150, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_work_goes_from_draft_to_review_to_remarks_to_published(client, artisan, make_user):
    client.force_login(artisan.user)
    response = client.post(
        "/kk/me/works/add/",
        {"title_kk": "Құрақ көрпе", "title_en": "Kurak korpe", "year_from": "2024", "dimensions": "180 × 140 cm",
         "image": SimpleUploadedFile("korpe.jpg", _jpeg(), content_type="image/jpeg"), "alt_kk": "Құрақ көрпе"},
    )  # fmt: skip
    assert response.status_code == 302
    work = Work.objects.get(title__en="Kurak korpe")
    assert work.status == "draft" and work.images.count() == 1
    assert list(work.work_makers.values_list("person_id", flat=True)) == [artisan.pk]
    assert client.get(f"/en/works/{work.pk}/").status_code == 404  # not public while a draft

    client.post(f"/kk/me/works/{work.pk}/submit/")
    work.refresh_from_db()
    assert work.review_requested_at is not None

    curator = make_user(role="curator")
    client.force_login(curator)
    queue = client.get("/en/admin/works/work/?review=waiting").content.decode()
    assert "Kurak korpe" in queue or "Құрақ көрпе" in queue
    services.work_review_return(actor=curator, work=work, remarks="Add the back of the quilt, please.")

    client.force_login(artisan.user)
    mine = client.get("/en/me/works/").content.decode()
    assert "Add the back of the quilt, please." in mine and "Send for review" in mine
    client.post(f"/en/me/works/{work.pk}/submit/")
    services.work_publish(actor=curator, work=work)
    work.refresh_from_db()
    assert work.status == "published" and work.review_requested_at is None
    assert client.get(f"/en/works/{work.pk}/").status_code == 200


def test_an_artisan_cannot_publish_their_own_work_nor_touch_anyone_elses(client, artisan, make_user, make_person):
    other = make_person("Дулат Әшімов", status="published")
    theirs = services.work_create(title={"en": "Orteke"}, makers=[other])
    client.force_login(artisan.user)
    assert client.get(f"/en/me/works/{theirs.pk}/").status_code == 404
    assert client.post(f"/en/me/works/{theirs.pk}/", {"title_en": "Mine now"}).status_code == 404
    assert client.post(f"/en/me/works/{theirs.pk}/submit/").status_code == 404
    theirs.refresh_from_db()
    assert dict(theirs.title) == {"en": "Orteke"} and theirs.review_requested_at is None
    mine = services.work_create(actor=artisan.user, title={"en": "Ring"}, makers=[artisan])
    with pytest.raises(Exception, match="Only curators"):
        services.work_publish(actor=artisan.user, work=mine)
    with pytest.raises(Exception, match="Only curators"):
        services.work_review_return(actor=artisan.user, work=mine, remarks="self-approved")


def test_a_file_that_is_not_an_image_is_refused_and_no_work_is_left_behind(client, artisan):
    client.force_login(artisan.user)
    page = client.post(
        "/en/me/works/add/",
        {"title_en": "Broken", "image": SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")},
    ).content.decode()
    assert "errorlist" in page
    assert not Work.objects.filter(title__en="Broken").exists()
    assert "at least one language" in client.post("/en/me/works/add/", {"title_en": ""}).content.decode()


def test_my_applications_and_my_data_show_mine_only(client, artisan, make_person):
    import datetime as dt
    import json

    from django.utils import timezone

    from craftcity.events.models import Application, Call
    from craftcity.events.services import event_create

    event = event_create(slug="felt-course", kind="training", name={"en": "Felt course"},
                         starts_at=timezone.now() + dt.timedelta(days=20))  # fmt: skip
    call = Call.objects.create(event=event, opens_at=timezone.now(), closes_at=timezone.now() + dt.timedelta(days=5))
    mine = Application.objects.create(
        call=call, person=artisan, status="waiting", answers={"years": 12},
        attachment=SimpleUploadedFile("portfolio.pdf", b"%PDF-1.4 mine", content_type="application/pdf"),
    )  # fmt: skip
    other = make_person("Дулат Әшімов", status="published")
    theirs = Application.objects.create(
        call=call, person=other, status="confirmed",
        attachment=SimpleUploadedFile("theirs.pdf", b"%PDF-1.4 theirs", content_type="application/pdf"),
    )  # fmt: skip
    client.force_login(artisan.user)
    page = client.get("/en/me/applications/").content.decode()
    assert "Felt course" in page and "On the waiting list" in page and "Withdraw my application" in page
    download = client.get(f"/en/me/applications/{mine.pk}/file/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 mine"
    assert client.get(f"/en/me/applications/{theirs.pk}/file/").status_code == 404
    data = json.loads(client.get("/en/me/data/?format=json").content)
    assert data["account"]["email"] == "aigul@example.org"
    assert data["person"]["id"] == artisan.pk and data["applications"][0]["answers"] == {"years": 12}
    assert "Дулат" not in json.dumps(data, ensure_ascii=False)
    assert "Айгүл Тұралиева" in client.get("/kk/me/data/").content.decode()


def test_removal_is_asked_for_and_a_registrar_carries_it_out(
    client, artisan, make_user, django_capture_on_commit_callbacks
):
    from django.core import mail

    from craftcity.people.models import Person, RemovalRequest

    client.force_login(artisan.user)
    client.post("/en/me/data/removal/", {"scope": "account", "message": "I am leaving the city"})
    request = RemovalRequest.objects.get(email="aigul@example.org")
    assert request.status == "pending" and request.person_id == artisan.pk
    assert "waiting for a registrar" in client.get("/en/me/data/").content.decode()
    client.post("/en/me/data/removal/", {"scope": "profile"})
    assert RemovalRequest.objects.count() == 1  # one request at a time

    organiser = make_user(role="organization_editor")
    client.force_login(organiser)
    assert client.get(f"/en/admin/people/removalrequest/{request.pk}/change/").status_code in {302, 403}
    registrar = make_user(role="registrar")
    client.force_login(registrar)
    assert client.get(f"/en/admin/people/removalrequest/{request.pk}/change/").status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/admin/people/removalrequest/{request.pk}/decide/", {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == "done" and request.decided_by == registrar
    artisan.refresh_from_db()
    assert artisan.user_id is None and Person.objects.filter(pk=artisan.pk).exists()  # the profile stays
    assert not request.user.is_active and mail.outbox[0].to == ["aigul@example.org"]
    assert request.history.count() >= 2  # asked, then decided: who and when stay on record


def test_an_organization_editor_keeps_their_organization_and_no_other(
    client, make_user, make_person, make_organization
):
    from craftcity.organizations.models import Membership
    from craftcity.search.services import index_rebuild

    guild = make_organization("felt-guild", name={"en": "Felt guild"})
    other = make_organization("silver-union", name={"en": "Silver union"})
    editor = make_user("editor", role="organization_editor", email="ed@example.org")
    me = make_person("Редактор Ұйым", status="published")
    person_account_link(person=me, user=editor)
    Membership.objects.create(person=me, organization=guild, is_editor=True)
    newcomer = make_person("Жаңа Мүше", status="published")
    index_rebuild()
    client.force_login(editor)
    assert "Felt guild" in client.get("/en/me/organizations/").content.decode()
    client.post("/en/me/organizations/felt-guild/", {"website": "guild.example.kz", "description_kk": "Киіз басушылар"})
    guild.refresh_from_db()
    assert guild.website == "https://guild.example.kz" and dict(guild.description)["kk"] == "Киіз басушылар"
    assert "Жаңа Мүше" in client.get("/kk/me/organizations/felt-guild/", {"q": "Zhana Mushe"}).content.decode()
    client.post("/en/me/organizations/felt-guild/members/", {"person": newcomer.pk, "role": "member"})
    membership = Membership.objects.get(person=newcomer, organization=guild)
    client.post(f"/en/me/organizations/felt-guild/members/{membership.pk}/end/")
    membership.refresh_from_db()
    assert membership.end_year is not None
    # Not theirs: every address answers 404 and nothing changes.
    assert client.get("/en/me/organizations/silver-union/").status_code == 404
    assert client.post("/en/me/organizations/silver-union/", {"website": "https://x.example"}).status_code == 404
    assert client.post("/en/me/organizations/silver-union/members/", {"person": newcomer.pk}).status_code == 404
    other.refresh_from_db()
    assert other.website == "" and not Membership.objects.filter(organization=other).exists()
