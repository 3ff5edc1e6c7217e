"""An artisan signs up on the public site on a phone, confirms the address from the e-mail, finds her record by
typing her name in Latin letters, claims it; a registrar approves in the back office; the profile is hers."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from craftcity.people.models import Person
from craftcity.search.services import index_rebuild

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_artisan_signs_up_claims_her_profile_and_a_registrar_approves(page, make_person, make_user, login):
    aigul = make_person("Айгүл Тұралиева", status="published")
    index_rebuild()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kk/")
    page.locator(".menu-button").click()  # on a phone, sign-in is in the menu
    page.get_by_role("link", name="Кіру").click()
    page.get_by_role("link", name="тіркеліңіз").click()
    page.get_by_label("Электрондық пошта").fill("aigul@example.org")
    page.get_by_label("Құпиясөз:", exact=True).fill("felt-and-silver-2026")
    page.get_by_label("Құпиясөз (қайталап)").fill("felt-and-silver-2026")
    page.get_by_role("button", name="Тіркелу").click()
    expect(page.locator("h1")).to_have_text("Электрондық пошта мекенжайыңызды растаңыз")
    link = re.search(r"http://[^\s]+/kk/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Растау").click()
    page.wait_for_url("**/kk/")  # signed in, back where she started
    page.locator(".menu-button").click()
    page.get_by_role("link", name="Менің craftcity-м").click()
    expect(page.locator("h1")).to_have_text("Менің craftcity-м")

    page.get_by_role("link", name="Жазбамды табу").click()
    page.get_by_label("Атыңыз, кез келген жазумен").fill("Aigul Turalieva")
    page.get_by_role("button", name="Іздеу").click()
    card = page.locator(".card", has_text="Айгүл Тұралиева")
    card.locator("textarea").fill("Киіз басамын, Алматы")
    card.get_by_role("button", name="Бұл — мен").click()
    expect(page.get_by_role("status")).to_contain_text("Өтінішіңіз жіберілді")

    page.context.clear_cookies()
    make_user("registrar", role="registrar")
    login("registrar")
    page.goto("/en/admin/people/profileclaim/")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("body")).to_contain_text("Киіз басамын, Алматы")
    page.get_by_label("Approve: link the account").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".messagelist")).to_contain_text("The decision was saved")
    aigul.refresh_from_db()
    assert aigul.user.email == "aigul@example.org"
    assert "Айгүл Тұралиева" in mail.outbox[-1].body and "/kk/me/" in mail.outbox[-1].body
    assert Person.objects.filter(user__email="aigul@example.org").count() == 1
