"""An artisan finds an event in the calendar, applies with the call's form, and sees the waiting list."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from craftcity.accounts.services import roles_sync, user_grant_role
from craftcity.events.models import Call
from craftcity.events.services import event_create
from craftcity.people.services import person_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_artisan_applies_from_the_calendar_and_lands_on_the_waiting_list(page, login, django_user_model):
    roles_sync()
    event = event_create(
        slug="felt-course", kind="training", name={"en": "Felt course", "ru": "Курс войлока"},
        starts_at=timezone.now() + dt.timedelta(days=20),
    )  # fmt: skip
    question = {"key": "years", "label": {"en": "Years of practice"}, "type": "number", "required": True}
    Call.objects.create(
        event=event, opens_at=timezone.now() - dt.timedelta(days=1), closes_at=timezone.now() + dt.timedelta(days=5),
        capacity=0, questions=[question],  # no seats left: the applicant goes straight to the waiting list
    )  # fmt: skip
    user = django_user_model.objects.create_user("aizhan", password="pass-1234-word")
    user_grant_role(user=user, role="artisan")
    person_create(names=[{"full_name": "Айжан Беккулова", "language": "kk", "form": "kk_cyrl", "is_primary": True}],
                  user=user)  # fmt: skip
    login("aizhan")

    page.goto("/en/events/")
    page.select_option("select[name=kind]", "training")
    page.click("button[type=submit]")
    page.click("text=Felt course")
    expect(page.locator("h1")).to_have_text("Felt course")
    page.fill("input[name=q_years]", "4")
    page.click("text=Apply")
    expect(page.locator(".messages")).to_contain_text("waiting list")
    expect(page.locator(".status")).to_contain_text("number 1 in line")


def test_a_visitor_on_a_phone_sees_a_cancelled_event_marked_in_the_calendar_and_on_its_page(page):
    event_create(
        slug="kui-evening", kind="concert", name={"en": "Kui evening", "ru": "Вечер кюев", "kk": "Күй кеші"},
        starts_at=timezone.now() + dt.timedelta(days=12), city="Almaty", schedule="cancelled", admission="free",
    )  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/ru/events/")
    card = page.locator(".card", has_text="Вечер кюев")
    expect(card.locator(".badge-cancelled")).to_have_text("Отменено")
    card.get_by_role("link", name="Вечер кюев").click()
    expect(page.get_by_role("status")).to_contain_text("Это событие не состоится.")
    expect(page.locator("body")).to_contain_text("Вход свободный")
    ics = page.request.get("/ru/events/kui-evening/event.ics").text()
    assert "STATUS:CANCELLED" in ics
