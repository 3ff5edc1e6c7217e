"""Events in the dossier indicators: by kind, national or international; participants' countries; training."""

import datetime as dt

from django.utils import timezone

from craftcity.dossier.asof import Snapshot
from craftcity.dossier.indicators import REGISTRY, compute
from craftcity.events.models import Application, Event, Participant
from craftcity.geo.models import Country


def test_event_indicators_count_what_had_started_by_the_day(make_event, make_call, make_person):
    nz = Country.objects.create(iso_code="NZ", name={"en": "New Zealand"})
    past = timezone.now() - dt.timedelta(days=30)
    festival = make_event(kind=Event.Kind.FESTIVAL, is_international=True, starts_at=past)
    make_event(kind=Event.Kind.EXHIBITION, starts_at=past)
    make_event(kind=Event.Kind.FAIR, starts_at=timezone.now() + dt.timedelta(days=30))  # not yet
    Participant.objects.create(event=festival, person=make_person("Layla Walter", language="en", country=nz),
                               role=Participant.Role.EXHIBITOR)  # fmt: skip
    course = make_event(kind=Event.Kind.TRAINING, starts_at=past)
    call = make_call(course, opens_at=past - dt.timedelta(days=9), closes_at=past - dt.timedelta(days=1))
    Application.objects.create(call=call, person=make_person("Жас Шебер"), status="confirmed")

    snapshot = Snapshot(timezone.localdate())
    events = compute(REGISTRY["events"], snapshot)
    assert events.total == 3
    assert {row.key: row.values[0] for row in events.table("measure").rows} == {"national": 2, "international": 1}
    participants = compute(REGISTRY["event_participants"], snapshot)
    assert participants.total == 1 and participants.table("country").rows[0].key == "NZ"
    training = compute(REGISTRY["training_programmes"], snapshot)
    assert training.total == 1 and training.table("kind").rows[0].values[0] == 1
