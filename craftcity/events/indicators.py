"""Events in the dossier: events by kind, national and international; participants and their countries;
training programmes and residencies with their enrolments. Counted among events that had started by the day."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from craftcity.dossier.asof import end_of_day
from craftcity.dossier.indicators import Indicator, Result, Row, T, Table, register, table
from craftcity.geo.models import Country

from .models import Application, Event, Participant

TRAINING_KINDS = (Event.Kind.TRAINING, Event.Kind.RESIDENCY, Event.Kind.WORKSHOP)


def _started(snap):
    return Event.objects.public().filter(starts_at__lte=end_of_day(snap.day))


def events(snap) -> Result:
    rows = list(_started(snap).values_list("kind", "is_international"))
    kinds = Counter(kind for kind, _i in rows)
    scope = Counter("international" if international else "national" for _k, international in rows)
    return Result(
        total=len(rows),
        tables=[
            table("kind", kinds, dict(Event.Kind.choices), _("events")),
            Table(
                "measure",
                (_("events"),),
                [
                    Row("national", _("National"), (scope["national"],)),
                    Row("international", _("International"), (scope["international"],)),
                ],
            ),
        ],
    )


def event_participants(snap) -> Result:
    rows = set(
        Participant.objects.filter(event__in=_started(snap)).values_list("person_id", "person__country__iso_code")
    )
    countries = Counter(country for _p, country in rows)
    labels = {country.iso_code: country.name for country in Country.objects.all()}
    return Result(total=len({p for p, _c in rows}), tables=[table("country", countries, labels, _("participants"))])


def training(snap) -> Result:
    programmes = _started(snap).filter(kind__in=TRAINING_KINDS)
    enrolled = Application.objects.filter(call__event__in=programmes, status=Application.Status.CONFIRMED)
    kinds = Counter(enrolled.values_list("call__event__kind", flat=True))
    return Result(
        total=programmes.count(),
        tables=[table("kind", kinds, dict(Event.Kind.choices), _("enrolments"))],
    )


for _indicator in [
    Indicator(
        "events",
        T("Іс-шаралар", "Мероприятия", "Events"),
        T(
            "Осы күнге дейін басталған жарияланған іс-шаралар түрі бойынша, ұлттық және халықаралық.",
            "Опубликованные мероприятия, начавшиеся к этой дате, по видам; национальные и международные.",
            "Published events that had started by the date, by kind; national and international.",
        ),
        ("kind", "measure"),
        events,
        section="events",
    ),
    Indicator(
        "event_participants",
        T("Іс-шараларға қатысушылар", "Участники мероприятий", "Event participants"),
        T(
            "Іс-шаралардың әртүрлі қатысушылары ел бойынша.",
            "Разные участники мероприятий по странам.",
            "Distinct participants of events, by country.",
        ),
        ("country",),
        event_participants,
        section="events",
    ),
    Indicator(
        "training_programmes",
        T("Оқу бағдарламалары", "Обучающие программы", "Training programmes"),
        T(
            "Оқу бағдарламалары, резиденциялар мен шеберханалар; расталған қатысушылар түрі бойынша.",
            "Обучающие программы, резиденции и мастер-классы; подтверждённые участники по видам.",
            "Training programmes, residencies and workshops; confirmed enrolments by kind.",
        ),
        ("kind",),
        training,
        section="events",
    ),
]:
    register(_indicator)
