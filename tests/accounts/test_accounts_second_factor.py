"""A second factor (an authenticator app's codes) for staff: set up with a QR code and a code, then asked for after
the password at the back office's own sign-in and at the public one; wrong, replayed and guessed codes are refused;
when the city requires it, staff without one are sent to set it up first. Codes are computed here as a phone
computes them (RFC 6238), not with the library under test."""

import base64
import hashlib
import hmac
import json
import re
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command

pytestmark = pytest.mark.django_db
PASSWORD = "felt-and-silver-2026"
ADDRESS = "203.0.113.9"


def totp(secret: str, *, steps: int = 0, at: float | None = None, digits: int = 6) -> str:
    """The code an authenticator app shows for `secret` now (or `steps` 30-second steps away)."""
    counter = int((time.time() if at is None else at) // 30) + steps
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def test_the_code_helper_agrees_with_the_rfc_6238_test_vector():
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, at=59, digits=8) == "94287082"


def _admin_sign_in(client, user, password=PASSWORD, language="en"):
    return client.post(
        f"/{language}/admin/login/?next=/{language}/admin/",
        {"username": user.username, "password": password},
        REMOTE_ADDR=ADDRESS,
    )


def _set_up(client, language="en") -> str:
    """Set up an authenticator app as a person does: read the key off the page, answer with the app's code."""
    page = client.get(f"/{language}/accounts/2fa/totp/activate/", REMOTE_ADDR=ADDRESS)
    if page.status_code == 302:  # adding a second factor asks for the password once more
        assert page["Location"].startswith(f"/{language}/accounts/reauthenticate/")
        assert "password" in client.get(page["Location"]).content.decode()
        client.post(page["Location"], {"password": PASSWORD}, REMOTE_ADDR=ADDRESS)
        page = client.get(f"/{language}/accounts/2fa/totp/activate/", REMOTE_ADDR=ADDRESS)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code
    secret = re.search(r'id="authenticator-secret">([A-Z2-7]+)<', html).group(1)
    done = client.post(f"/{language}/accounts/2fa/totp/activate/", {"code": totp(secret)}, REMOTE_ADDR=ADDRESS)
    assert done.status_code == 302 and done["Location"] == f"/{language}/accounts/2fa/recovery-codes/"
    return secret


def _code_step(client, code, language="en"):
    return client.post(f"/{language}/accounts/2fa/authenticate/", {"code": code}, REMOTE_ADDR=ADDRESS)


@pytest.fixture
def registrar(make_user):
    return make_user("registrar-2fa", role="registrar", email="registrar@example.org", password=PASSWORD)


@pytest.fixture
def enrolled(client, registrar):
    """The registrar, with an authenticator app set up (and signed out again)."""
    assert _admin_sign_in(client, registrar).status_code == 302
    secret = _set_up(client)
    client.logout()
    return secret


def test_a_registrar_sets_up_an_authenticator_app_with_a_qr_code_and_gets_recovery_codes(client, registrar):
    assert _admin_sign_in(client, registrar).status_code == 302
    reauthenticate = client.get("/en/accounts/2fa/totp/activate/")
    assert reauthenticate["Location"] == "/en/accounts/reauthenticate/?next=%2Fen%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    wrong_password = client.post(reauthenticate["Location"], {"password": "not-mine"})
    assert wrong_password.status_code == 200 and not Authenticator.objects.exists()
    back = client.post(reauthenticate["Location"], {"password": PASSWORD})
    assert back["Location"] == "/en/accounts/2fa/totp/activate/"
    page = client.get("/en/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator-secret">([A-Z2-7]+)<', page).group(1)
    wrong = client.post("/en/accounts/2fa/totp/activate/", {"code": "000000" if totp(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and "This code is wrong or was already used" in wrong.content.decode()
    assert not Authenticator.objects.filter(user=registrar).exists()

    client.post("/en/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert set(Authenticator.objects.filter(user=registrar).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }
    codes = client.get("/en/accounts/2fa/recovery-codes/").content.decode()
    assert len(re.findall(r"<li><code>\d{8}</code></li>", codes)) == 10
    assert 'href="/en/admin/"' in codes and "Continue to the back office" in codes
    overview = client.get("/en/accounts/2fa/").content.decode()
    assert "Authentication using an authenticator app is active." in overview
    assert "There are 10 out of 10 recovery codes available." in overview
    # What the database holds does not give the secret away (a backup alone cannot make codes).
    stored = json.dumps(list(Authenticator.objects.filter(user=registrar).values_list("data", flat=True)))
    assert secret not in stored and secret.lower() not in stored


def test_with_a_second_factor_the_password_alone_does_not_open_the_back_office(client, registrar, enrolled):
    response = _admin_sign_in(client, registrar)
    assert response.status_code == 302 and response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/en/admin/").status_code == 302  # back to the sign-in
    assert client.get("/en/admin/people/person/").status_code == 302

    wrong = _code_step(client, "12345" if totp(enrolled) != "12345" else "54321")
    assert wrong.status_code == 200 and "This code is wrong or was already used" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    right = _code_step(client, totp(enrolled))
    assert right.status_code == 302 and right["Location"] == "/en/admin/"
    assert client.session["_auth_user_id"] == str(registrar.pk)
    assert client.get("/en/admin/").status_code == 200


def test_a_code_works_once_and_the_next_one_from_the_app_works(client, registrar, enrolled):
    code = totp(enrolled)
    _admin_sign_in(client, registrar)
    assert _code_step(client, code).status_code == 302
    client.logout()
    _admin_sign_in(client, registrar)
    replayed = _code_step(client, code)  # someone who saw it over a shoulder, within the same half minute
    assert replayed.status_code == 200 and "already used" in replayed.content.decode()
    assert "_auth_user_id" not in client.session
    assert _code_step(client, totp(enrolled, steps=1)).status_code == 302  # a phone a little ahead still works


def test_a_recovery_code_opens_the_back_office_once(client, registrar, enrolled):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    recovery = RecoveryCodes(Authenticator.objects.get(user=registrar, type="recovery_codes")).get_unused_codes()[0]
    _admin_sign_in(client, registrar)
    assert _code_step(client, recovery).status_code == 302
    client.logout()
    _admin_sign_in(client, registrar)
    assert _code_step(client, recovery).status_code == 200  # spent


def test_guessing_codes_is_stopped_after_five_tries(client, registrar, enrolled):
    _admin_sign_in(client, registrar)
    right = totp(enrolled)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _attempt in range(5):
        assert _code_step(client, wrong).status_code == 200
    refused = _code_step(client, right).content.decode()
    assert "Too many failed login attempts" in refused
    assert "_auth_user_id" not in client.session


def test_the_public_sign_in_asks_for_the_code_too(client, make_user):
    from allauth.account.models import EmailAddress

    artisan = make_user("artisan-2fa", role="artisan", email="aigul@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=artisan, email=artisan.email, verified=True, primary=True)
    client.post("/en/accounts/login/", {"login": artisan.email, "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    secret = _set_up(client)  # artisans may choose a second factor
    client.logout()
    response = client.post("/en/accounts/login/", {"login": artisan.email, "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    assert response["Location"] == "/en/accounts/2fa/authenticate/" and "_auth_user_id" not in client.session
    assert _code_step(client, totp(secret)).status_code == 302
    assert client.session["_auth_user_id"] == str(artisan.pk)


def test_when_required_staff_without_a_second_factor_are_sent_to_set_one_up(client, registrar, make_user, settings):
    settings.CRAFTCITY_STAFF_REQUIRE_2FA = True
    response = _admin_sign_in(client, registrar)
    assert response.status_code == 302 and response["Location"] == "/en/admin/"  # the password was right...
    for url in ("/en/admin/", "/en/admin/people/person/", "/en/admin/django_tasks_database/dbtaskresult/"):
        sent = client.get(url)
        assert sent.status_code == 302 and sent["Location"] == "/en/accounts/2fa/totp/activate/", url
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/en/accounts/2fa/totp/activate/").content.decode()
    assert "The back office asks staff for a second factor" in page
    assert client.post("/en/admin/logout/").status_code == 200  # signing out stays possible
    assert "_auth_user_id" not in client.session

    _admin_sign_in(client, registrar)
    _set_up(client)
    assert client.get("/en/admin/").status_code == 200
    # ...and, while required, it cannot be switched off.
    client.post("/en/accounts/2fa/totp/deactivate/")
    assert Authenticator.objects.filter(user=registrar, type="totp").exists()
    assert "it cannot be turned off" in client.get("/en/accounts/2fa/totp/deactivate/").content.decode()

    # Artisans edit only their own record in the back office: for them it stays a choice.
    client.logout()
    artisan = make_user("artisan-staff", role="artisan", password=PASSWORD)
    assert artisan.is_staff
    _admin_sign_in(client, artisan)
    assert client.get("/en/admin/").status_code == 200


def test_the_demo_administrator_signs_in_with_admin_admin_in_development(client, settings):
    settings.DEBUG = True  # ensure_demo_admin refuses otherwise
    call_command("ensure_demo_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert settings.CRAFTCITY_STAFF_REQUIRE_2FA is False  # development's default
    response = client.post(
        "/en/admin/login/?next=/en/admin/", {"username": "admin", "password": "admin"}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 302 and response["Location"] == "/en/admin/"
    assert client.get("/en/admin/").status_code == 200


def test_production_requires_a_second_factor_of_staff_and_development_does_not(monkeypatch):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "CRAFTCITY_STAFF_REQUIRE_2FA"}
    env.update(CRAFTCITY_SECRET_KEY="x" * 50, DATABASE_URL="postgres://u:p@localhost/db")

    def setting(module):
        code = f"import craftcity.settings.{module} as s; print(s.CRAFTCITY_STAFF_REQUIRE_2FA)"
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)

    assert setting("prod").stdout.strip() == "True"
    assert setting("dev").stdout.strip() == "False"


def test_a_lost_phone_is_reset_from_the_command_line_or_by_an_administrator(client, registrar, enrolled, make_user):
    call_command("reset_second_factor", registrar.username, "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Authenticator.objects.filter(user=registrar).count() == 2  # a dry run changes nothing
    call_command("reset_second_factor", registrar.username, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Authenticator.objects.filter(user=registrar).exists()
    assert _admin_sign_in(client, registrar)["Location"] == "/en/admin/"  # the password alone, until set up again

    # In the back office only an administrator sees who has a second factor, never its secret.
    _set_up(client)
    client.force_login(make_user(role="registrar"))
    assert client.get("/en/admin/mfa/authenticator/").status_code == 403
    client.force_login(make_user(role="admin"))
    listing = client.get("/en/admin/mfa/authenticator/")
    assert listing.status_code == 200 and registrar.username in listing.content.decode()
    totp_row = Authenticator.objects.get(user=registrar, type="totp")
    detail = client.get(f"/en/admin/mfa/authenticator/{totp_row.pk}/change/").content.decode()
    assert totp_row.data["secret"] not in detail
    client.post(f"/en/admin/mfa/authenticator/{totp_row.pk}/delete/", {"post": "yes"})
    assert not Authenticator.objects.filter(user=registrar).exists()  # the recovery codes go with it


def test_the_notice_that_a_second_factor_was_set_up_is_mailed_in_the_readers_language(
    client, registrar, mailoutbox, django_capture_on_commit_callbacks
):
    assert _admin_sign_in(client, registrar, language="kk").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        _set_up(client, language="kk")
    notices = [message for message in mailoutbox if registrar.email in message.to]
    assert notices, "setting up a second factor sends a notice, so a stranger's set-up does not go unnoticed"
    assert "Аутентификатор қолданбасы қосылды" in notices[-1].subject
    assert "Аутентификатор қолданбасы қосылды." in notices[-1].body
    assert "Authenticator" not in notices[-1].body
