"""An artisan's way in: sign up on the public site, confirm the address, find their record and claim it; a registrar
(or an editor of one of their organizations) decides; invitations claim directly. Nobody gets someone else's profile."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from craftcity.organizations.models import Membership
from craftcity.people import claims
from craftcity.people.models import Person, ProfileClaim, ProfileInvitation

pytestmark = pytest.mark.django_db
PASSWORD = "felt-and-silver-2026"


def _sign_up(client, email, language="en"):
    client.logout()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the confirmation mail is a job queued on commit
        response = client.post(
            f"/{language}/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    message = mail.outbox[-1]
    assert message.to == [email]
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)
    path = link.split("testserver", 1)[-1]
    assert client.get(path).status_code == 200  # a page with a button: a mail scanner's GET confirms nothing
    client.post(path)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


@pytest.fixture
def aigul(make_person):
    from craftcity.search.services import index_rebuild

    person = make_person("Айгүл Тұралиева", status="published")
    index_rebuild()  # the index follows commits; a test's transaction never commits
    return person


def test_a_new_user_signs_up_confirms_and_reaches_their_page(client):
    user = _sign_up(client, "new.artisan@example.org", language="kk")
    assert client.get("/kk/me/").status_code == 200
    page = client.get("/kk/me/").content.decode()
    assert "new.artisan@example.org" in page and "/kk/me/claim/" in page
    assert not user.is_staff  # an artisan's account is not a back-office account


def test_sign_in_comes_back_to_where_the_visitor_was_and_never_to_another_host(client):
    _sign_up(client, "back@example.org")
    client.logout()
    response = client.post("/en/accounts/login/?next=/en/events/", {"login": "back@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/en/events/"
    client.logout()
    forged = client.post(
        "/en/accounts/login/?next=https://evil.example/steal", {"login": "back@example.org", "password": PASSWORD}
    )
    assert forged.status_code == 302 and "evil.example" not in forged["Location"]


def test_repeated_wrong_passwords_lock_the_sign_in(client, settings):
    _sign_up(client, "locked@example.org")
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"login": "locked@example.org", "password": "wrong"})
    refused = client.post("/en/accounts/login/", {"login": "locked@example.org", "password": PASSWORD})
    assert refused.status_code in {429, 200}
    assert "_auth_user_id" not in client.session


def test_a_claim_waits_for_a_registrar_who_approves_it_and_the_user_is_told_in_their_language(
    client, aigul, make_user, django_capture_on_commit_callbacks
):
    user = _sign_up(client, "aigul@example.org", language="kk")
    found = client.get("/kk/me/claim/", {"q": "Aigul Turalieva"}).content.decode()  # Latin finds the Cyrillic
    assert "Айгүл Тұралиева" in found
    response = client.post("/kk/me/claim/", {"person": aigul.pk, "message": "Мен Айгүлмін"})
    assert response.status_code == 302
    claim = ProfileClaim.objects.get(user=user)
    assert claim.status == "pending" and claim.language == "kk"
    again = client.post("/kk/me/claim/", {"person": aigul.pk}, follow=True).content.decode()
    assert ProfileClaim.objects.filter(user=user).count() == 1 and "messages" in again

    registrar = make_user(role="registrar")
    client.force_login(registrar)
    assert client.get(f"/en/admin/people/profileclaim/{claim.pk}/change/").status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/admin/people/profileclaim/{claim.pk}/decide/", {"decision": "approve"})
    aigul.refresh_from_db()
    assert aigul.user_id == user.pk
    (message,) = mail.outbox
    assert message.to == ["aigul@example.org"] and "Айгүл Тұралиева" in message.body
    assert "/kk/me/" in message.body  # in Kazakh, the language she asked in


def test_nobody_gets_a_profile_that_is_already_someones(client, aigul, make_user):
    first = _sign_up(client, "first@example.org")
    claims.claim_request(user=first, person=aigul)
    second = _sign_up(client, "second@example.org")
    claims.claim_request(user=second, person=aigul)
    registrar = make_user(role="registrar")
    claims.claim_decide(actor=registrar, claim=ProfileClaim.objects.get(user=first), approve=True)
    other = ProfileClaim.objects.get(user=second)
    assert other.status == "refused" and other.reason
    third = _sign_up(client, "third@example.org")
    page = client.post("/en/me/claim/", {"person": aigul.pk}, follow=True).content.decode()
    assert "already belongs to an account" in page
    assert not ProfileClaim.objects.filter(user=third).exists()


def test_refusing_needs_a_reason_and_only_the_right_people_decide(
    client, aigul, make_user, make_organization, django_capture_on_commit_callbacks
):
    user = _sign_up(client, "claimant@example.org")
    claim = claims.claim_request(user=user, person=aigul, language="ru")
    with pytest.raises(Exception, match="Say why"):
        claims.claim_decide(actor=make_user(role="registrar"), claim=claim, approve=False)
    stranger_editor = make_user(role="organization_editor")
    with pytest.raises(Exception, match="may not decide"):
        claims.claim_decide(actor=stranger_editor, claim=claim, approve=True)
    # An editor of one of her organizations may decide.
    guild = make_organization("felt-guild")
    Membership.objects.create(person=aigul, organization=guild)
    editor = make_user(role="organization_editor")
    editor_person = Person.objects.create(user=editor)
    Membership.objects.create(person=editor_person, organization=guild, is_editor=True)
    mail.outbox.clear()
    client.force_login(editor)  # in the back office, the editor finds the claim and refuses it there
    assert client.get(f"/en/admin/people/profileclaim/{claim.pk}/change/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/admin/people/profileclaim/{claim.pk}/decide/",
            {"decision": "refuse", "reason": "Не удалось подтвердить"},
        )
    claim.refresh_from_db()
    assert claim.status == "refused" and "Не удалось подтвердить" in mail.outbox[0].body
    client.force_login(stranger_editor)
    assert client.get(f"/en/admin/people/profileclaim/{claim.pk}/change/").status_code in {302, 403}


def test_an_invitation_claims_directly_once_and_not_after_it_expires(
    client, aigul, make_user, django_capture_on_commit_callbacks
):
    registrar = make_user(role="registrar")
    client.force_login(registrar)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/admin/people/person/{aigul.pk}/invite/", {"email": "aigul@example.org", "language": "ru"})
    (message,) = mail.outbox
    path = re.search(r"/ru/me/invitation/[^\s]+/", message.body).group(0)
    client.logout()
    user = _sign_up(client, "aigul@example.org", language="ru")
    assert client.get(path).status_code == 200
    client.post(path)
    aigul.refresh_from_db()
    assert aigul.user_id == user.pk
    assert client.get(path).status_code == 410  # used
    ProfileInvitation.objects.update(used_at=None, expires_at=timezone.now() - dt.timedelta(days=1))
    assert "expired" in client.get(path.replace("/ru/", "/en/")).content.decode()
    assert client.get("/en/me/invitation/not-a-token/").status_code == 410


def test_someone_not_in_the_registry_proposes_a_profile_that_stays_hidden_until_published(client, make_user):
    user = _sign_up(client, "newcomer@example.org")
    client.post("/en/me/propose/", {"full_name": "Ерлан Жаңабаев", "name_language": "kk", "message": "Домбыра"})
    claim = ProfileClaim.objects.get(user=user)
    assert claim.is_proposal and claim.person.status == "draft"
    assert client.get(f"/en/people/{claim.person_id}/").status_code == 404 or claim.person.user_id is None
    claims.claim_decide(actor=make_user(role="registrar"), claim=claim, approve=True)
    claim.person.refresh_from_db()
    assert claim.person.status == "published" and claim.person.user_id == user.pk


def test_the_event_page_sends_artisans_to_the_public_sign_in(client):
    from craftcity.events.models import Call
    from craftcity.events.services import event_create

    event = event_create(slug="felt-course", kind="training", name={"en": "Felt course"},
                         starts_at=timezone.now() + dt.timedelta(days=20))  # fmt: skip
    Call.objects.create(event=event, opens_at=timezone.now(), closes_at=timezone.now() + dt.timedelta(days=5))
    page = client.get("/en/events/felt-course/").content.decode()
    assert "/en/accounts/login/?next=/en/events/felt-course/" in page and "/admin/login/" not in page


def test_nobody_withdraws_or_reads_someone_elses_request(client, aigul):
    first = _sign_up(client, "first@example.org")
    claim = claims.claim_request(user=first, person=aigul)
    _sign_up(client, "second@example.org")
    assert client.post(f"/en/me/claims/{claim.pk}/withdraw/").status_code == 404
    claim.refresh_from_db()
    assert claim.status == "pending"
    assert "Айгүл" not in client.get("/kk/me/").content.decode()
