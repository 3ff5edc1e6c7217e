"""Dates, spans, distances, durations, figures and opening hours as a reader of each language expects them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from craftcity.core import formatting

ALMATY = ZoneInfo("Asia/Almaty")
NB = "\xa0"


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ALMATY)


def render(template: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load craftcity %}" + template).render(Context(context))


# --- Django's own date filter and localisation, through the format modules -------------------------------------

MOMENT = at(2027, 5, 10, 18, 0)


@pytest.mark.parametrize(("language", "date", "moment", "short"), [
    ("kk", "2027 жылғы 10 мамыр", "2027 жылғы 10 мамыр, 18:00", "10.05.2027"),
    ("ru", "10 мая 2027", "10 мая 2027, 18:00", "10.05.2027"),
    ("en", "10 May 2027", "10 May 2027, 18:00", "10 May 2027"),
])  # fmt: skip
def test_the_date_filter_and_localised_values_use_the_languages_forms(language, date, moment, short):
    assert render("{{ d|date }}", language, d=MOMENT) == date
    assert render("{{ d }}", language, d=MOMENT) == moment  # a datetime printed as it is (localize)
    assert render('{{ d|date:"DATETIME_FORMAT" }}', language, d=MOMENT) == moment
    assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', language, d=MOMENT) == short
    assert render('{{ d|time:"TIME_FORMAT" }}', language, d=at(2027, 5, 10, 9, 5)) == "09:05"


def test_every_kazakh_month_is_written_lowercase_in_a_date():
    months = [render("{{ d|date }}", "kk", d=dt.date(2027, m, 1)).split()[-1] for m in range(1, 13)]
    assert months == [
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
        "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
    ]  # fmt: skip


def test_a_utc_moment_is_shown_in_almaty_time():
    moment = dt.datetime(2027, 5, 10, 13, 0, tzinfo=dt.UTC)
    assert render("{{ d }}", "en", d=moment) == "10 May 2027, 18:00"
    with translation.override("ru"):
        assert formatting.event_range(moment) == "10 мая 2027, 18:00"


# --- spans of time ---------------------------------------------------------------------------------------------

SPANS = {
    "evening": (at(2027, 5, 10, 18), at(2027, 5, 10, 22), False),
    "no end": (at(2027, 5, 10, 18), None, False),
    "to midnight": (at(2027, 5, 10, 20), at(2027, 5, 11, 0), False),
    "overnight": (at(2027, 5, 10, 22), at(2027, 5, 11, 2), False),
    "festival": (at(2027, 5, 10, 10), at(2027, 5, 12, 18), False),
    "one whole day": (at(2027, 5, 10), at(2027, 5, 10), True),
    "across months": (at(2027, 5, 30), at(2027, 6, 2), True),
    "across years": (dt.date(2027, 12, 30), dt.date(2028, 1, 2), False),
}
EXPECTED = {
    "kk": {
        "evening": "2027 жылғы 10 мамыр, 18:00–22:00",
        "no end": "2027 жылғы 10 мамыр, 18:00",
        "to midnight": "2027 жылғы 10 мамыр, 20:00–24:00",
        "overnight": "2027 жылғы 10 мамыр, 22:00 – 11 мамыр, 02:00",
        "festival": "2027 жылғы 10–12 мамыр",
        "one whole day": "2027 жылғы 10 мамыр",
        "across months": "2027 жылғы 30 мамыр – 2 маусым",
        "across years": "2027 жылғы 30 желтоқсан – 2028 жылғы 2 қаңтар",
    },
    "ru": {
        "evening": "10 мая 2027, 18:00–22:00",
        "no end": "10 мая 2027, 18:00",
        "to midnight": "10 мая 2027, 20:00–24:00",
        "overnight": "10 мая 2027, 22:00 – 11 мая, 02:00",
        "festival": "10–12 мая 2027",
        "one whole day": "10 мая 2027",
        "across months": "30 мая – 2 июня 2027",
        "across years": "30 декабря 2027 – 2 января 2028",
    },
    "en": {
        "evening": "10 May 2027, 18:00–22:00",
        "no end": "10 May 2027, 18:00",
        "to midnight": "10 May 2027, 20:00–24:00",
        "overnight": "10 May 2027, 22:00 – 11 May, 02:00",
        "festival": "10–12 May 2027",
        "one whole day": "10 May 2027",
        "across months": "30 May – 2 June 2027",
        "across years": "30 December 2027 – 2 January 2028",
    },
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("case", list(SPANS))
def test_event_range_does_not_repeat_what_the_start_already_says(language, case):
    start, end, all_day = SPANS[case]
    with translation.override(language):
        assert formatting.event_range(start, end, all_day=all_day) == EXPECTED[language][case]


def test_the_event_range_filter_wraps_each_end_in_a_time_element_with_its_iso_value():
    class Event:
        starts_at, ends_at, is_all_day = at(2027, 5, 10, 18), at(2027, 5, 10, 22), False

    assert render("{{ e|event_range }}", "en", e=Event()) == (
        '<time datetime="2027-05-10T18:00:00+05:00">10 May 2027, 18:00</time>–'
        '<time datetime="2027-05-10T22:00:00+05:00">22:00</time>'
    )
    exhibition = {"starts_on": dt.date(2027, 5, 10), "ends_on": dt.date(2027, 5, 12)}
    assert render("{{ x|event_range }}", "kk", x=exhibition) == (
        '<time datetime="2027-05-10">2027 жылғы 10</time>–<time datetime="2027-05-12">12 мамыр</time>'
    )
    assert render("{{ a|date_range:b }}", "ru", a=dt.date(2027, 5, 30), b=None) == (
        '<time datetime="2027-05-30">30 мая 2027</time>'
    )


def test_an_empty_or_backwards_span_gives_what_is_known_and_no_error():
    with translation.override("en"):
        assert formatting.event_range(None) == ""
        assert formatting.event_range("") == ""
        assert formatting.event_range(dt.date(2027, 5, 12), dt.date(2027, 5, 10)) == "12 May 2027"
    assert render("{{ x|event_range }}", "en", x=None) == ""


# --- distances, durations, figures ------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", ["47 м", "350 м", "1,0 км", "14,7 км", "123 км", "1 235 км"]),
    ("ru", ["47 м", "350 м", "1,0 км", "14,7 км", "123 км", "1 235 км"]),
    ("en", ["47 m", "350 m", "1.0 km", "14.7 km", "123 km", "1,235 km"]),
])  # fmt: skip
def test_distance_in_metres_below_a_kilometre_and_in_kilometres_with_the_languages_decimal_mark(language, expected):
    with translation.override(language):
        shown = [formatting.distance(m) for m in (47, 347, 995, 14728, 123456, 1234567)]
    assert [text.replace(NB, " ") for text in shown] == expected
    assert all(NB in text for text in shown)  # the figure and its unit never part at a line end
    assert render("{{ m|distance }}", language, m=None) == ""


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", ["45 мин", "1 сағ", "2 сағ 15 мин", "0 мин"]),
    ("ru", ["45 мин", "1 ч", "2 ч 15 мин", "0 мин"]),
    ("en", ["45 min", "1 h", "2 h 15 min", "0 min"]),
])  # fmt: skip
def test_duration_in_hours_and_minutes(language, expected):
    with translation.override(language):
        shown = [formatting.duration(m) for m in (45, 60, 135.4, 0)]
    assert [text.replace(NB, " ") for text in shown] == expected
    assert render("{{ m|duration }}", language, m="") == ""


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", ["2027", "4500", "13 600 000"]),
    ("ru", ["2027", "4500", "13 600 000"]),
    ("en", ["2027", "4500", "13,600,000"]),
])  # fmt: skip
def test_figures_are_grouped_from_five_digits(language, expected):
    shown = [render("{{ n|number }}", language, n=n) for n in (2027, 4500, 13600000)]
    assert [text.replace(NB, " ") for text in shown] == expected


# --- opening hours ---------------------------------------------------------------------------------------------

HOURS = {
    "Mo-Fr 10:00-18:00; Sa 11:00-16:00": {
        "kk": "Дс–Жм 10:00–18:00; Сн 11:00–16:00",
        "ru": "Пн–Пт 10:00–18:00; Сб 11:00–16:00",
        "en": "Mon–Fri 10:00–18:00; Sat 11:00–16:00",
    },
    "Tu-Su 10:00-18:00; PH off": {
        "kk": "Сс–Жс 10:00–18:00; мереке күндері жабық",
        "ru": "Вт–Вс 10:00–18:00; в праздничные дни закрыто",
        "en": "Tue–Sun 10:00–18:00; closed on public holidays",
    },
    "Mo,We,Th 09:00-13:00,14:00-18:00; Su off": {
        "kk": "Дс, Ср, Бс 09:00–13:00, 14:00–18:00; Жс жабық",
        "ru": "Пн, Ср, Чт 09:00–13:00, 14:00–18:00; Вс закрыто",
        "en": "Mon, Wed, Thu 09:00–13:00, 14:00–18:00; Sun closed",
    },
    "24/7": {"kk": "тәулік бойы", "ru": "круглосуточно", "en": "open 24/7"},
    "10:00-20:00": {"kk": "күн сайын 10:00–20:00", "ru": "ежедневно 10:00–20:00", "en": "daily 10:00–20:00"},
    "Mo-Fr 10:00-18:00, Sa 10:00-14:00": {
        "kk": "Дс–Жм 10:00–18:00; Сн 10:00–14:00",
        "ru": "Пн–Пт 10:00–18:00; Сб 10:00–14:00",
        "en": "Mon–Fri 10:00–18:00; Sat 10:00–14:00",
    },
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("text", list(HOURS))
def test_opening_hours_are_read_out_in_words(language, text):
    with translation.override(language):
        assert formatting.opening_hours(text) == HOURS[text][language]


@pytest.mark.parametrize(
    "text",
    [
        "Jan-Mar Mo-Fr 10:00-16:00",  # months: shown as written rather than half-translated
        "Mo-Fr sunrise-sunset",
        'Mo-Fr 10:00-18:00 "by appointment"',
        "Mo-Fr 10:00+",
        "Mo-Fr 25:00-26:00",  # not valid at all
        "closed for good, see the website",
    ],
)
def test_opening_hours_outside_the_common_forms_are_shown_as_written_never_an_error(text):
    with translation.override("kk"):
        assert formatting.opening_hours(text) == text
    assert render("{{ h|opening_hours }}", "ru", h=text) == text.replace('"', "&quot;")
    assert render("{{ h|opening_hours }}", "en", h=None) == ""
