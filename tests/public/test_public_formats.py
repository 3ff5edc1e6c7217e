"""Public pages write dates, spans, distances, durations and opening hours as each language writes them, and
keep the ISO value for machines in <time datetime>."""

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from craftcity.events.models import Participant
from craftcity.events.services import event_create
from craftcity.places.models import Place
from craftcity.tours.services import tour_create

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")


def text_of(html: str, pattern: str) -> str:
    """The words a reader sees inside the first element the pattern finds (tags dropped, spaces as typed)."""
    match = re.search(pattern, html, re.S)
    assert match, f"{pattern!r} not on the page"
    return re.sub(r"<[^>]+>", "", match.group(1)).replace("\xa0", " ").strip()


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def make_place(slug: str, lat: str, lon: str, hours: str = "") -> Place:
    place = Place(
        slug=slug, kind="museum", name={"en": slug.title(), "ru": slug, "kk": slug}, opening_hours=hours,
        latitude=Decimal(lat), longitude=Decimal(lon), is_address_public=True, address={"en": f"1 {slug} St"},
    )  # fmt: skip
    place.full_clean()
    place.save()
    return place


@pytest.fixture
def concert():
    return event_create(
        slug="kui-evening", kind="concert", name={"kk": "Күй кеші", "ru": "Вечер кюев", "en": "Kui evening"},
        starts_at=dt.datetime(2027, 5, 10, 18, 0, tzinfo=ALMATY),
        ends_at=dt.datetime(2027, 5, 10, 22, 0, tzinfo=ALMATY),
    )  # fmt: skip


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", "2027 жылғы 10 мамыр, 18:00–22:00"),
    ("ru", "10 мая 2027, 18:00–22:00"),
    ("en", "10 May 2027, 18:00–22:00"),
])  # fmt: skip
def test_an_event_page_and_the_calendar_give_the_evening_without_repeating_the_day(client, concert, language, expected):
    html = page(client, f"/{language}/events/kui-evening/")
    assert text_of(html, r'<span class="when">(.*?)</span>') == expected
    assert '<time datetime="2027-05-10T18:00:00+05:00">' in html  # machines still read ISO
    assert '<time datetime="2027-05-10T22:00:00+05:00">' in html
    calendar = page(client, f"/{language}/events/?past=1")
    assert expected in text_of(calendar, r'<li class="card">(.*?)</li>')


@pytest.mark.parametrize(("language", "hours"), [
    ("kk", "Сс–Жс 10:00–18:00; мереке күндері жабық"),
    ("ru", "Вт–Вс 10:00–18:00; в праздничные дни закрыто"),
    ("en", "Tue–Sun 10:00–18:00; closed on public holidays"),
])  # fmt: skip
def test_a_place_page_reads_its_opening_hours_out_in_words(client, language, hours):
    make_place("kasteyev", "43.2336", "76.9213", "Tu-Su 10:00-18:00; PH off")
    html = page(client, f"/{language}/places/kasteyev/")
    assert text_of(html, r'<dd id="opening-hours">(.*?)</dd>') == hours
    assert "Tu-Su" not in html.split("</head>")[1]  # the raw syntax is left to the JSON-LD


def test_a_place_with_unusual_hours_shows_them_as_written(client):
    make_place("night-market", "43.25", "76.95", "Jan-Mar Sa 10:00-16:00")
    html = page(client, "/kk/places/night-market/")
    assert text_of(html, r'<dd id="opening-hours">(.*?)</dd>') == "Jan-Mar Sa 10:00-16:00"


@pytest.fixture
def walk(settings):
    """Two museums 0.1° of latitude apart (11.1 km on the ground), walked straight at 6 km/h: 1 h 51 min."""
    settings.CRAFTCITY_WALK_DETOUR, settings.CRAFTCITY_WALK_KMH = 1.0, 6.0
    south = make_place("south-museum", "43.1000", "76.9000", "Mo-Fr 10:00-18:00")
    north = make_place("north-museum", "43.2000", "76.9000", "Mo-Su 09:00-19:00")
    return tour_create(
        slug="long-walk", title={"kk": "Ұзақ серуен", "ru": "Долгая прогулка", "en": "Long walk"},
        stops=[{"place": south, "visit_minutes": 60}, {"place": north, "visit_minutes": 30}],
    )  # fmt: skip


@pytest.mark.parametrize(("language", "walking", "total", "leg", "print_hours"), [
    ("kk", "11,1 км, 1 сағ 51 мин", "3 сағ 21 мин", "(11,1 км)", "Дс–Жм 10:00–18:00"),
    ("ru", "11,1 км, 1 ч 51 мин", "3 ч 21 мин", "(11,1 км)", "Пн–Пт 10:00–18:00"),
    ("en", "11.1 km, 1 h 51 min", "3 h 21 min", "1 h 51 min walk (11.1 km) from the previous stop",
     "Mon–Fri 10:00–18:00"),
])  # fmt: skip
def test_a_tour_page_gives_kilometres_and_hours_and_minutes(client, walk, language, walking, total, leg, print_hours):
    html = page(client, f"/{language}/tours/long-walk/")
    facts = re.findall(r"<dd>(.*?)</dd>", html)
    assert [fact.replace("\xa0", " ") for fact in facts] == ["2", walking, total]
    assert leg in html.replace("\xa0", " ")
    listing = page(client, f"/{language}/tours/").replace("\xa0", " ")
    distance = walking.split(", ")[0]
    assert f"{distance} · {total}" in listing  # the list of tours: the walk's length and the whole time
    printable = page(client, f"/{language}/tours/long-walk/print/").replace("\xa0", " ")
    assert print_hours in printable and "Mo-Fr" not in printable


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", "2027 жылғы 10–12 мамыр"),
    ("ru", "10–12 мая 2027"),
    ("en", "10–12 May 2027"),
])  # fmt: skip
def test_a_person_page_dates_the_events_they_take_part_in(client, make_person, language, expected):
    person = make_person("Айжан Беккулова", status="published")
    fair = event_create(
        slug="spring-fair", kind="fair",
        name={"en": "Spring fair", "ru": "Весенняя ярмарка", "kk": "Көктем жәрмеңкесі"},
        starts_at=dt.datetime(2027, 5, 10, tzinfo=ALMATY), ends_at=dt.datetime(2027, 5, 12, tzinfo=ALMATY),
        is_all_day=True,
    )  # fmt: skip
    Participant.objects.create(event=fair, person=person, role=Participant.Role.EXHIBITOR)
    html = page(client, f"/{language}/people/{person.pk}/")
    item = text_of(html, r'<li><a href="/[a-z]+/events/spring-fair/">(.*?)</li>')
    assert expected in item
    assert '<time datetime="2027-05-10">' in html and '<time datetime="2027-05-12">' in html
