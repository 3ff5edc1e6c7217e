"""A registrar, told by the back office that staff need a second factor, sets up an authenticator app on her phone
(a real browser shows the QR code and the key), keeps her recovery codes and signs in with a code the next day."""

from pathlib import Path

import pytest
from accounts.test_accounts_second_factor import totp
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path("var/screenshots")
PASSWORD = "pass-1234-word"


def _password_step(page, username, language):
    page.goto(f"/{language}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_a_registrar_sets_up_her_second_factor_and_signs_in_with_it(page, make_user, settings):
    settings.CRAFTCITY_STAFF_REQUIRE_2FA = True
    make_user("registrar", role="registrar")
    _password_step(page, "registrar", "ru")
    page.wait_for_url("**/ru/accounts/reauthenticate/**")  # adding a second factor asks for the password again
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()

    page.wait_for_url("**/ru/accounts/2fa/totp/activate/")
    expect(page.locator(".notice")).to_be_visible()
    qr = page.locator("img.totp-qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")  # the QR code really drew (CSP allows data:)
    secret = page.locator("#authenticator-secret").inner_text().strip()
    page.set_viewport_size({"width": 390, "height": 844})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "second-factor-set-up.png"), full_page=True)
    page.fill("#id_code", totp(secret))
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/ru/accounts/2fa/recovery-codes/")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.screenshot(path=str(SCREENSHOTS / "second-factor-recovery-codes.png"), full_page=True)
    page.locator("a.button[href='/ru/admin/']").click()
    page.wait_for_url("**/ru/admin/")
    expect(page.locator("#site-name")).to_be_visible()

    page.context.clear_cookies()
    _password_step(page, "registrar", "en")
    page.wait_for_url("**/en/accounts/2fa/authenticate/")
    page.fill("#id_code", "000000" if totp(secret) != "000000" else "111111")
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("main")).to_contain_text("This code is wrong or was already used")
    page.fill("#id_code", totp(secret, steps=1))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/admin/")
