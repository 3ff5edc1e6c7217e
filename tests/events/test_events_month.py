"""The events month view: a grid of the month's days with each event on every day it runs, in three languages."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.utils import timezone

from craftcity.events.models import Event
from craftcity.events.month import event_days, month_of, parse_month

ALMATY = ZoneInfo("Asia/Almaty")


def _may_events(make_event):
    make_event(
        "almafest",
        name={"en": "AlmaFest", "ru": "АлмаФест", "kk": "АлмаФест (kk)"},
        starts_at=dt.datetime(2027, 5, 10, 18, 0, tzinfo=ALMATY),
        ends_at=dt.datetime(2027, 5, 12, 22, 0, tzinfo=ALMATY),
    )
    make_event(
        "kui-evening",
        kind=Event.Kind.CONCERT,
        name={"en": "Kui evening"},
        starts_at=dt.datetime(2027, 5, 31, 19, 0, tzinfo=ALMATY),
        ends_at=dt.datetime(2027, 6, 1, 0, 0, tzinfo=ALMATY),  # ends at midnight: not on 1 June
    )
    make_event("june-fair", kind=Event.Kind.FAIR, starts_at=dt.datetime(2027, 6, 3, 10, 0, tzinfo=ALMATY))


def _days_with(html: str, text: str) -> list[str]:
    """The ISO dates of the month's cells that show `text`."""
    cells = re.findall(
        r'<li class="month-day[^"]*".*?<time datetime="([\d-]+)">(.*?)</li>\s*(?=<li class="month-day|</ol>)',
        html,
        re.S,
    )
    return [day for day, body in cells if text in body]


def test_a_multi_day_event_is_on_each_of_its_days_and_a_midnight_end_is_not_the_next_day(db, make_event):
    _may_events(make_event)
    events = list(Event.objects.order_by("starts_at"))
    with timezone.override(ALMATY):
        may = month_of(dt.date(2027, 5, 1), events, first_weekday=0)
        assert [d.date.day for d in may.days if d.events] == [10, 11, 12, 31]
        assert event_days(events[1]) == (dt.date(2027, 5, 31), dt.date(2027, 5, 31))
    assert may.offset == 5  # 1 May 2027 is a Saturday; Monday first
    assert may.previous == dt.date(2027, 4, 1) and may.next == dt.date(2027, 6, 1)
    assert parse_month("2027-13", dt.date(2026, 12, 5)) == dt.date(2026, 12, 1)
    assert parse_month("nonsense", dt.date(2026, 12, 5)) == dt.date(2026, 12, 1)


def test_month_view_shows_the_month_in_each_language_with_filters_and_steps(
    make_event, client, django_assert_max_num_queries
):
    _may_events(make_event)
    with django_assert_max_num_queries(4):
        en = client.get("/en/events/?view=month&month=2027-05").content.decode()
    assert '<h2 id="month-heading">May 2027</h2>' in en
    assert _days_with(en, "AlmaFest") == ["2027-05-10", "2027-05-11", "2027-05-12"]
    assert _days_with(en, "Kui evening") == ["2027-05-31"]
    assert "june-fair" not in en
    assert 'href="?view=month&amp;month=2027-04"' in en and 'href="?view=month&amp;month=2027-06"' in en

    ru = client.get("/ru/events/?view=month&month=2027-05").content.decode()
    assert '<h2 id="month-heading">Май 2027</h2>' in ru
    assert "Понедельник, 10 мая" in ru or "понедельник, 10 мая" in ru
    assert "<li>Пн</li><li>Вт</li>" in ru
    kk = client.get("/kk/events/?view=month&month=2027-05").content.decode()
    assert '<h2 id="month-heading">2027 жылғы мамыр</h2>' in kk
    assert "10 мамыр" in kk and "<li>Дс</li><li>Сс</li>" in kk
    assert "АлмаФест (kk)" in kk

    # The list's filters apply, and the steps keep them.
    concerts = client.get("/en/events/?view=month&month=2027-05&kind=concert").content.decode()
    assert _days_with(concerts, "Kui evening") == ["2027-05-31"] and "AlmaFest" not in concerts
    assert 'href="?view=month&amp;month=2027-06&amp;kind=concert"' in concerts
    # A month with nothing says so; a broken month parameter shows this month instead of failing.
    assert (
        "No events match these filters in this month."
        in client.get("/en/events/?view=month&month=2027-03").content.decode()
    )
    assert client.get("/en/events/?view=month&month=2027-99").status_code == 200


def test_month_view_shows_only_public_events(make_event, client):
    _may_events(make_event)
    Event.objects.filter(slug="almafest").update(status="draft")
    assert "AlmaFest" not in client.get("/en/events/?view=month&month=2027-05").content.decode()


def test_the_list_links_to_the_month_and_back(make_event, client):
    _may_events(make_event)
    page = client.get("/en/events/?kind=concert&past=1").content.decode()
    assert 'href="?kind=concert&amp;view=month"' in page


def test_a_crowded_day_shows_a_few_events_and_links_to_the_rest_in_the_list(make_event, client):
    for n in range(7):
        make_event(f"stall-{n}", kind=Event.Kind.FAIR, starts_at=dt.datetime(2027, 5, 15, 10 + n, 0, tzinfo=ALMATY))
    html = client.get("/en/events/?view=month&month=2027-05&kind=fair").content.decode()
    assert html.count('href="/en/events/stall-') == 5
    assert '<a href="?kind=fair&amp;from=2027-05-15&amp;to=2027-05-15">2 more</a>' in html
    listed = client.get("/en/events/?kind=fair&from=2027-05-15&to=2027-05-15").content.decode()
    assert listed.count('href="/en/events/stall-') == 7
