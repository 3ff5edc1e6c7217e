"""A visitor switches the calendar to the month view, steps through the months in Kazakh and Russian, and on a
phone reads the month as a list of days."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from craftcity.events.services import event_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ALMATY = ZoneInfo("Asia/Almaty")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _events():
    event_create(
        slug="almafest", kind="festival", name={"kk": "АлмаФест", "ru": "АлмаФест", "en": "AlmaFest"},
        starts_at=dt.datetime(2027, 5, 10, 18, 0, tzinfo=ALMATY),
        ends_at=dt.datetime(2027, 5, 11, 22, 0, tzinfo=ALMATY),
    )  # fmt: skip
    event_create(
        slug="kui-evening", kind="concert", name={"kk": "Күй кеші", "ru": "Вечер кюя", "en": "Kui evening"},
        starts_at=dt.datetime(2027, 6, 21, 19, 0, tzinfo=ALMATY),
    )  # fmt: skip


def test_month_view_in_kazakh_steps_to_the_next_month_keeping_the_filter(page):
    _events()
    page.goto("/kk/events/?past=1&kind=concert")
    page.locator(".tabs a").nth(1).click()  # "Month"
    assert "view=month" in page.url and "kind=concert" in page.url and "past" not in page.url
    page.goto("/kk/events/?view=month&month=2027-05&kind=concert")
    expect(page.locator("#month-heading")).to_have_text("2027 жылғы мамыр")
    expect(page.locator(".weekdays li").first).to_have_text("Дс")
    expect(page.locator(".day-events")).to_have_count(0)  # the festival is not a concert
    page.get_by_role("link", name="2027 жылғы маусым").click()
    expect(page.locator("#month-heading")).to_have_text("2027 жылғы маусым")
    cell = page.locator(".month-day", has_text="Күй кеші")
    expect(cell.locator(".day-number")).to_have_text("21")
    expect(page.locator(".month-days")).to_have_css("display", "grid")
    page.get_by_role("link", name="Күй кеші").click()
    expect(page.locator("h1")).to_have_text("Күй кеші")


def test_month_view_in_russian_on_a_phone_is_a_list_of_the_days_with_events(page):
    _events()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/ru/events/?view=month&month=2027-05")
    expect(page.locator("#month-heading")).to_have_text("Май 2027")
    shown = page.locator(".month-day:visible")
    expect(shown).to_have_count(2)  # the festival's two days; the empty days are not shown on a phone
    expect(shown.first.locator(".day-full")).to_contain_text("10 мая")
    expect(shown.nth(1).locator(".day-full")).to_contain_text("11 мая")
    page.get_by_role("link", name="Апрель 2027").click()
    expect(page.locator("#month-heading")).to_have_text("Апрель 2027")
    assert "month=2027-04" in page.url
    box = page.locator(".month-step").first.bounding_box()
    assert box["height"] >= 44  # a tap target


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_current_tab_of_the_month_view_can_be_read(page, language):
    """The current tab ("Ай", "Месяц", "Month") read white on nothing: axe finds no contrast failure now."""
    _events()
    page.route("**/__axe-core.js", lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.goto(f"/{language}/events/?view=month&month=2027-05")
    current = page.locator(".tabs [aria-current=page]")
    expect(current).to_have_css("border-bottom-color", "rgb(154, 42, 34)")  # --felt-red underlines it
    page.add_script_tag(url="/__axe-core.js")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})"
    )
    assert [node["target"] for v in result["violations"] for node in v["nodes"]] == []
