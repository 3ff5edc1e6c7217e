import datetime as dt
import itertools

import pytest
from django.utils import timezone

from craftcity.aitys.services import aitys_create
from craftcity.events.models import Application, Call, Competition, Criterion, Event, EventOrganization, Juror
from craftcity.events.services import event_create
from craftcity.organizations.services import membership_create

_seq = itertools.count(1)


@pytest.fixture
def make_aitys(db, make_person, make_organization):
    """An aitys on a competition organised by "hosts": `akyns` confirmed entries (published people), a rubric of
    two criteria, and jurors (the first is the chair). Returns (aitys, entries, jurors)."""

    def make(akyns=8, *, jurors=2, audience=True, chair=True, names=None):
        n = next(_seq)
        organization = make_organization(f"hosts-{n}")
        event = event_create(
            slug=f"aitys-{n}",
            kind=Event.Kind.COMPETITION,
            name={"en": f"Aitys {n}", "ru": f"Айтыс {n}", "kk": f"Айтыс {n}"},
            starts_at=timezone.now() - dt.timedelta(days=1),
            organizations=[(organization, EventOrganization.Role.ORGANISER)],
        )
        call = Call.objects.create(
            event=event,
            opens_at=timezone.now() - dt.timedelta(days=30),
            closes_at=timezone.now() - dt.timedelta(days=2),
        )
        competition = Competition.objects.create(event=event)
        for position, weight in enumerate((3, 1)):
            Criterion.objects.create(
                competition=competition, name={"en": f"criterion {position}"}, weight=weight, position=position
            )
        entries = []
        for index in range(akyns):
            name = names[index] if names else f"Ақын Сынақов {n}-{index + 1}"
            person = make_person(name)
            entries.append(Application.objects.create(call=call, person=person, status=Application.Status.CONFIRMED))
        seats = []
        for index in range(jurors):
            person = make_person(f"Төреші {n}-{index + 1}")
            seats.append(Juror.objects.create(competition=competition, person=person, is_chair=chair and index == 0))
        return aitys_create(user=None, competition=competition, has_audience_vote=audience), entries, seats

    return make


@pytest.fixture
def signed_in_juror(make_user):
    """Give a juror's person an account to act from."""

    def attach(juror):
        user = make_user(role="artisan")
        juror.person.user = user
        juror.person.save(update_fields=["user"])
        return type(user).objects.get(pk=user.pk)

    return attach


@pytest.fixture
def organiser_for(make_user, make_person):
    def make(aitys):
        user = make_user(role="organiser")
        person = make_person("Ұйымдастырушы Ов", user=user)
        organization = aitys.competition.event.organizations.get().organization
        membership_create(person=person, organization=organization)
        return type(user).objects.get(pk=user.pk)

    return make
