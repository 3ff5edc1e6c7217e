"""Which stored event pages and calendar feeds a change makes stale: what `public:event` shows a visitor.

A visitor's event page shows the event (names, dates, schedule, picture, series, parent), its sub-events, its
organisers and supporters, its call (dates and capacity), its participants and, once the competition's
results are published, the finalists and winners with their categories; and beside them other events still on
at the same venue and of the same kind. So it is made of two versions (see `core.cache.stored_lookup`):

- the event's own (`"event", slug`: a visit finds it from the address alone, with no query): its call,
  competition, categories, organisations, participants and applications, and the names of the people on it,
  bump only this event's page. Applications are saved all day on a festival day (enrolments, withdrawals,
  offers): they bump only their event's page, never the registry, the summary or another event's page;
- the calendar's (`CALENDAR`): any event saved or deleted (or a series renamed) bumps every event page and
  every stored feed, since a new or moved event changes the "related" lists and sub-event lists of others.
  Events are edited by organisers a few times a day, not at every enrolment.

Places, organizations and regions are registry records: a change to them bumps the registry version, which
every stored page is keyed on.
"""

from __future__ import annotations

from django.db.models import Q

from craftcity.core.cache import register_page_scope

EVENT = "event"
CALENDAR = ("calendar", "all")


def _calendar(sender, kwargs):
    return [(CALENDAR[0], {CALENDAR[1]})]


def _slugs(pks) -> set[str]:
    from craftcity.events.models import Event

    return set(Event.objects.filter(pk__in={pk for pk in pks if pk is not None}).values_list("slug", flat=True))


def _event_field(sender, kwargs):
    """A record that points at its event (`event_id`: a call, a competition, an organisation's or a person's
    part in it): that event's page. A record deleted with its event needs nothing more: the event's deletion
    bumps the calendar."""
    return EVENT, _slugs({kwargs["instance"].event_id})


def _of_call(sender, kwargs):
    """An application: its call's event, one small query (applications never move from one call to another)."""
    from craftcity.events.models import Call

    instance = kwargs["instance"]
    return EVENT, set(Call.objects.filter(pk=instance.call_id).values_list("event__slug", flat=True))


def _of_competition(sender, kwargs):
    """A category (its name shows beside the results) or an aitys bracket (the page links to it once there is
    one): its competition's event."""
    from craftcity.events.models import Competition

    instance = kwargs["instance"]
    return EVENT, set(Competition.objects.filter(pk=instance.competition_id).values_list("event__slug", flat=True))


def _events_of_people(pks) -> set[str]:
    """The events whose visitor page names these people: as participants, or in published results."""
    from craftcity.events.models import Application, Participant

    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return set()
    on = set(Participant.objects.filter(person_id__in=pks).values_list("event__slug", flat=True))
    results = Application.objects.filter(
        Q(stage=Application.Stage.WINNER) | Q(stage=Application.Stage.FINALIST),
        person_id__in=pks,
        call__event__competition__results_published_at__isnull=False,
    )
    return on | set(results.values_list("call__event__slug", flat=True))


def _person(sender, kwargs):
    return EVENT, _events_of_people({kwargs["instance"].pk})


def _person_name(sender, kwargs):
    instance = kwargs["instance"]
    return EVENT, _events_of_people({instance.person_id, *getattr(instance, "_pages_before", set())})


def register() -> None:
    # An event's own page and every other: its name, dates or venue may show in their related or programme lists.
    register_page_scope("events.Event", _calendar)
    register_page_scope("events.EventSeries", _calendar)
    for label in ("events.Call", "events.Competition", "events.EventOrganization", "events.Participant"):
        register_page_scope(label, _event_field)
    register_page_scope("events.Application", _of_call)
    register_page_scope("events.Category", _of_competition)
    register_page_scope("aitys.Aitys", _of_competition)
    # A person's name (and country) shows on the pages of the events they take part in.
    register_page_scope("people.Person", _person)
    register_page_scope("people.PersonName", _person_name)
