"""The whole way of an artisan through her own craftcity, on the demo city, on a phone, in Kazakh: sign up,
confirm the address, claim Aigul Turalieva's profile, a registrar approves, she writes her biography, opens her
phone to visitors, uploads a photo, adds a work a curator publishes, applies to the training programme, and
downloads her data."""

import io
import json
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from craftcity.events.models import Application
from craftcity.people.models import Person
from craftcity.works.models import Work

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "felt-and-silver-2026"
SHOTS = None


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _sign_in(page):
    """Aigul signs in on the public site again (after a back-office user had the browser)."""
    page.context.clear_cookies()
    page.goto("/kk/accounts/login/")
    page.get_by_label("Электрондық пошта").fill("aigul@example.org")
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.get_by_role("button", name="Кіру").click()


def _photo(tmp_path):
    path = tmp_path / "aigul.jpg"
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 56.0, 45.0)}
    Image.new("RGB", (1600, 1200), (170, 70, 50)).save(path, "JPEG", exif=exif.tobytes())
    return path


def test_aigul_keeps_her_own_craftcity(page, make_user, login, tmp_path):
    call_command("load_demo", synthetic=40, verbosity=0, stdout=StringIO(), stderr=StringIO())
    aigul = Person.objects.get(names__full_name="Айгүл Тұралиева")
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/kk/accounts/signup/")
    page.get_by_label("Электрондық пошта").fill("aigul@example.org")
    page.get_by_label("Құпиясөз:", exact=True).fill(PASSWORD)
    page.get_by_label("Құпиясөз (қайталап)").fill(PASSWORD)
    page.get_by_role("button", name="Тіркелу").click()
    _shot(page, "01-verification-sent")
    link = re.search(r"http://[^\s]+/kk/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Растау").click()
    page.goto("/kk/me/claim/?q=Aigul+Turalieva")
    _shot(page, "02-claim-search")
    page.locator(".card", has_text="Айгүл Тұралиева").get_by_role("button", name="Бұл — мен").click()
    expect(page.get_by_role("status")).to_contain_text("Өтінішіңіз жіберілді")

    page.context.clear_cookies()
    make_user("registrar", role="registrar")
    login("registrar")
    page.goto("/en/admin/people/profileclaim/?status__exact=pending")
    page.locator("#result_list tbody a").first.click()
    page.get_by_label("Approve: link the account").check()
    page.get_by_role("button", name="Save the decision").click()
    aigul.refresh_from_db()
    assert aigul.user.email == "aigul@example.org"

    _sign_in(page)
    page.goto("/kk/me/profile/")
    page.get_by_label("Өмірбаян (Қазақ тілі)").fill("Киіз басамын: текемет, сырмақ, құрақ көрпе.")
    page.get_by_label("Телефон:", exact=True).fill("+7 701 555 44 33")
    page.get_by_label("Телефон нөмірімді жария бетімде көрсету", exact=False).check()
    page.get_by_label("Фотосурет:", exact=True).set_input_files(str(_photo(tmp_path)))
    page.get_by_label("Фотосуретте не бейнеленген (Қазақ тілі)").fill("Айгүл шеберханасында")
    page.get_by_role("button", name="Профилімді сақтау").click()
    expect(page.get_by_role("status")).to_contain_text("Профиліңіз сақталды")
    _shot(page, "03-profile-saved")
    page.get_by_role("link", name="Бетімді келуші көретіндей көру").click()
    expect(page.locator("body")).to_contain_text("+7 701 555 44 33")
    expect(page.locator("body")).to_contain_text("Киіз басамын")

    page.goto("/kk/me/works/add/")
    page.get_by_label("Атауы (Қазақ тілі)").fill("Құрақ көрпе «Бәйтерек»")
    page.get_by_label("Жасалған жылы (не басталған жылы)").fill("2025")
    page.get_by_label("Туындының фотосуретін қосу").set_input_files(str(_photo(tmp_path)))
    page.get_by_role("button", name="Сақтау").click()
    page.get_by_role("button", name="Тексеруге жіберу").click()
    expect(page.locator(".card", has_text="Бәйтерек")).to_contain_text("Куратордың тексеруін күтуде")
    work = Work.objects.get(title__kk="Құрақ көрпе «Бәйтерек»")

    page.context.clear_cookies()
    make_user("curator", role="curator")
    login("curator")
    page.goto("/en/admin/works/work/?review=waiting")
    page.locator(f"input[name=_selected_action][value='{work.pk}']").check()
    page.select_option("select[name=action]", "publish")
    page.get_by_role("button", name="Run").click()
    work.refresh_from_db()
    assert work.status == "published"

    _sign_in(page)
    page.goto("/kk/events/young-artisans-felt-programme-demo/")
    page.get_by_label("Тәжірибе, жыл").fill("12")
    page.get_by_role("button", name="Өтінім беру").click()
    page.goto("/kk/me/applications/")
    expect(page.locator(".card", has_text="киіз басу курсы")).to_be_visible()
    _shot(page, "04-applications")
    assert Application.objects.filter(person=aigul).exists()

    page.goto("/kk/me/data/")
    with page.expect_download() as download:
        page.get_by_role("link", name="JSON түрінде жүктеп алу").click()
    data = json.loads(download.value.path().read_text())
    assert data["person"]["phone"] == "+7 701 555 44 33" and data["person"]["is_phone_public"] is True
    assert any(w["title"].get("kk") == "Құрақ көрпе «Бәйтерек»" for w in data["works"])
    aigul.refresh_from_db()
    assert not Image.open(io.BytesIO(aigul.photo.open("rb").read())).getexif()
