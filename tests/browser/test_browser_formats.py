"""A Kazakh visitor on a phone reads an event's date in Kazakh, year first and the month in lowercase."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from craftcity.events.services import event_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALMATY = ZoneInfo("Asia/Almaty")


def test_the_event_page_in_kazakh_shows_the_kazakh_date(page):
    event_create(
        slug="kui-evening", kind="concert", name={"kk": "Күй кеші", "ru": "Вечер кюев", "en": "Kui evening"},
        starts_at=dt.datetime(2027, 5, 10, 18, 0, tzinfo=ALMATY),
        ends_at=dt.datetime(2027, 5, 10, 22, 0, tzinfo=ALMATY),
    )  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kk/events/kui-evening/")
    expect(page.locator("h1")).to_have_text("Күй кеші")
    when = page.locator(".when")
    expect(when).to_have_text("2027 жылғы 10 мамыр, 18:00–22:00")
    expect(when.locator("time").first).to_have_attribute("datetime", "2027-05-10T18:00:00+05:00")
    # the date does not run off a phone's screen
    box = when.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
