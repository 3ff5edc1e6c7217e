"""A visitor on a phone reads an aitys bracket: rounds and duels as lists and tables, no sideways scrolling."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from craftcity.aitys import services
from craftcity.events.models import Application, Call, Competition, Criterion, Juror
from craftcity.events.services import event_create
from craftcity.people.services import person_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _person(name):
    return person_create(names=[{"full_name": name, "language": "kk", "form": "kk_cyrl", "is_primary": True}])


def test_a_visitor_on_a_phone_reads_the_bracket_in_kazakh(page):
    now = timezone.now()
    event = event_create(
        slug="aitys-phone", kind="competition", starts_at=now - dt.timedelta(days=1),
        name={"kk": "Жас ақындар айтысы", "ru": "Айтыс молодых акынов", "en": "Aitys of young akyns"},
    )  # fmt: skip
    call = Call.objects.create(event=event, opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(days=2))
    competition = Competition.objects.create(event=event)
    criterion = Criterion.objects.create(competition=competition, name={"en": "Improvisation"}, weight=1)
    juror = Juror.objects.create(competition=competition, person=_person("Қазы Төрешіұлы"), is_chair=True)
    names = [f"Ақынбек Сөзшеңұлы-Ұзынфамилиялы {n}" for n in range(1, 9)]
    for name in names:
        Application.objects.create(call=call, person=_person(name), status="confirmed")
    aitys = services.aitys_create(user=None, competition=competition, has_audience_vote=True)
    first = services.aitys_draw(user=None, aitys=aitys)
    for duel in first.duels.all():
        values = {duel.first_id: {str(criterion.pk): 9}, duel.second_id: {str(criterion.pk): 5}}
        services.duel_scores_submit(user=None, juror=juror, duel=duel, values=values)
    services.round_close(user=None, aitys=aitys)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kk/events/aitys-phone/aitys/")
    expect(page.locator("h1")).to_contain_text("Жас ақындар айтысы")
    rounds = page.locator("ol.bracket > li.bracket-round")
    expect(rounds).to_have_count(2)
    expect(rounds.nth(0).locator("table")).to_have_count(4)
    expect(rounds.nth(1).locator("table")).to_have_count(2)
    # Each duel is a table a screen reader can name by its caption, the akyns as row headers.
    expect(page.get_by_role("table").first.get_by_role("rowheader")).to_have_count(2)
    expect(page.locator("tr.winner")).to_have_count(4)
    expect(page.locator("ol.bracket a[href*='login']").first).to_be_visible()  # signing in to vote, without script
    table = page.locator("ol.bracket table").first.bounding_box()
    assert table["x"] + table["width"] <= 390, "a duel's table does not fit the phone's width"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone: {width} px"
    page.screenshot(path="var/screenshots/aitys-390-kk.png", full_page=True)
