import datetime as dt
import itertools

import pytest
from django.utils import timezone

from craftcity.events.models import Call, Category, Competition, Criterion, Event, EventOrganization, Juror
from craftcity.events.services import event_create
from craftcity.organizations.services import membership_create

_seq = itertools.count(1)
ALMATY_NOON = timezone.make_aware(dt.datetime(2026, 10, 4, 12, 0))


@pytest.fixture
def make_event(db):
    def make(slug=None, *, kind=Event.Kind.FESTIVAL, name=None, organised_by=(), **fields) -> Event:
        slug = slug or f"event-{next(_seq)}"
        fields.setdefault("starts_at", ALMATY_NOON)
        fields.setdefault("organizations", [(o, EventOrganization.Role.ORGANISER) for o in organised_by])
        return event_create(slug=slug, kind=kind, name=name or {"en": slug, "ru": f"{slug} (ru)"}, **fields)

    return make


@pytest.fixture
def make_call(make_event):
    def make(event=None, *, capacity=None, **fields) -> Call:
        event = event or make_event()
        fields.setdefault("opens_at", timezone.now() - dt.timedelta(days=1))
        fields.setdefault("closes_at", timezone.now() + dt.timedelta(days=10))
        call = Call(event=event, capacity=capacity, **fields)
        call.full_clean()
        call.save()
        return call

    return make


@pytest.fixture
def artisan(make_user, make_person):
    """A signed-in artisan linked to their own Person, with an e-mail address."""

    def make(name="Айжан Беккулова", **fields):
        user = make_user(role="artisan")
        return make_person(name, user=user, email=f"{user.username}@example.org", **fields), user

    return make


@pytest.fixture
def organiser_of(make_user, make_person):
    """A back-office organiser who belongs to the given organizations; their events are the ones they run."""

    def make(*organizations, name="Ұйымдастырушы Ов", **fields):
        user = make_user(role="organiser", **fields)
        person = make_person(name, user=user)
        for organization in organizations:
            membership_create(person=person, organization=organization)
        return user

    return make


@pytest.fixture
def make_competition(make_event, make_call):
    def make(*, criteria=((3, 0, 10), (1, 0, 10)), blind=False, **event_fields) -> Competition:
        event = make_event(kind=Event.Kind.COMPETITION, **event_fields)
        make_call(event)
        competition = Competition.objects.create(event=event, is_blind=blind)
        Category.objects.create(competition=competition, slug="jewellery", name={"en": "Jewellery"})
        for position, (weight, low, high) in enumerate(criteria):
            Criterion.objects.create(
                competition=competition,
                name={"en": f"criterion {position}"},
                weight=weight,
                min_score=low,
                max_score=high,
                position=position,
            )
        return competition

    return make


@pytest.fixture
def make_juror():
    def make(competition, person, **fields) -> Juror:
        return Juror.objects.create(competition=competition, person=person, **fields)

    return make


@pytest.fixture(autouse=True)
def _send_mail_at_once(monkeypatch):
    """Mail is queued on commit, and a test's own transaction never commits: queue it at once instead (the
    immediate task backend of the tests then sends it)."""
    from craftcity.core.tasks import send_mail_job
    from craftcity.events import services

    def queue_now(subject, body, recipients):
        send_mail_job.enqueue(subject=str(subject), body=str(body), recipients=list(recipients))

    monkeypatch.setattr(services, "mail_send_after_commit", queue_now)
