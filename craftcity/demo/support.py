"""Demo support, titles and reports: a youth scholarship and a residency with recipients, instalments and
reports; two People's Masters with certified instructors and trainees; two past designation reports marked
as submitted. All synthetic and marked is_demo (the programmes' names say "demo"); written through the
services, then dated in the history to the day each thing happened so the dossier's years show them."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from craftcity.awards.models import Award, AwardProgramme
from craftcity.awards.services import award_save
from craftcity.dossier.models import ReportingObligation
from craftcity.dossier.services import obligation_submit
from craftcity.lineage.models import Relation
from craftcity.organizations.models import Organization
from craftcity.people.models import Person
from craftcity.support.models import Grant, Programme, Residency
from craftcity.support.services import (
    grant_report_decide,
    grant_report_submit,
    grant_save,
    instalment_pay,
    programme_save,
    residency_save,
)

from .backdate import _moment, _move
from .upsert import bump

PEOPLES_MASTER = "demo-peoples-master"
MASTER_CERTIFICATE = "demo-union-master-certificate"
SCHOLARSHIP = "demo-youth-crafts-scholarship"
RESIDENCY = "demo-artisan-residency"
DEMO_PROGRAMME_SLUGS = (PEOPLES_MASTER, MASTER_CERTIFICATE)


def load_support(*, stats: dict, seed: int = 2025) -> None:
    if Programme.objects.filter(slug=SCHOLARSHIP).exists():
        return
    rng = random.Random(seed)
    _reports(stats)
    _titles(stats)
    _scholarship(stats, rng)
    _residency(stats, rng)


def _reports(stats):
    """The UNESCO monitoring reports already due are recorded as sent, some weeks late (synthetic dates)."""
    today = timezone.localdate()
    due = ReportingObligation.objects.filter(due_on__lt=today, status=ReportingObligation.Status.DUE)
    for obligation in due.order_by("due_on")[:2]:
        sent = min(obligation.due_on + dt.timedelta(days=45), today)
        obligation_submit(obligation=obligation, submitted_on=sent, notes="Demo data: synthetic submission date.")
        ReportingObligation.objects.filter(pk=obligation.pk).update(is_demo=True)
        bump(stats, "dossier.reportingobligation.submitted")


def _date(year: int, month: int, day: int) -> dt.date:
    return min(dt.date(year, month, day), timezone.localdate())


def _dated(model, pk, day: dt.date, rng) -> None:
    _move(model, pk, _moment(day, rng))


def _demo_association() -> Organization | None:
    """A synthetic body for synthetic programmes: no real organization is said to run them."""
    demo = Organization.objects.filter(is_demo=True, kind="association")
    return demo.filter(slug__endswith="-kz-75").first() or demo.order_by("pk").first()


def _titles(stats):
    rng = random.Random(7)
    union = _demo_association()
    peoples_master = AwardProgramme.objects.create(
        slug=PEOPLES_MASTER,
        kind=AwardProgramme.Kind.HONOUR,
        name={"kk": "Халық шебері (демо)", "ru": "Народный мастер (демо)", "en": "People's Master (demo)"},
        description={"en": "Synthetic demo title: held for life."},
    )
    certificate = AwardProgramme.objects.create(
        slug=MASTER_CERTIFICATE,
        kind=AwardProgramme.Kind.CERTIFICATE,
        name={"kk": "Шебер сертификаты (демо)", "ru": "Сертификат мастера (демо)", "en": "Master certificate (demo)"},
        awarding_body=union,
        term_years=5,
        description={"en": "Synthetic demo certificate, renewed every 5 years: holder, instructor, trainee."},
    )
    # The two living masters who have taught the most apprentices.
    masters = (
        Person.objects.filter(is_demo=True, status="published", death_year__isnull=True)
        .annotate(taught=Count("relations_as_senior", filter=Q(relations_as_senior__kind=Relation.Kind.APPRENTICESHIP)))
        .filter(taught__gt=0)
        .order_by("-taught", "pk")[:2]
    )
    for number, master in enumerate(masters):
        granted = _date(2019 + number * 2, 5, 18)
        award = award_save(award=Award(programme=peoples_master, person=master, year=granted.year, granted_on=granted,
                                       tier=Award.Tier.HOLDER, is_demo=True,
                                       citation={"en": "Synthetic demo title."}))  # fmt: skip
        _dated(Award, award.pk, granted, rng)
        students = Person.objects.filter(relations_as_junior__senior=master, status="published").distinct()
        for index, student in enumerate(students.order_by("pk")[:3]):
            tier = Award.Tier.INSTRUCTOR if index == 0 else Award.Tier.TRAINEE
            day = _date(2022 + index, 9, 1)
            cert = award_save(award=Award(programme=certificate, person=student, year=day.year, granted_on=day,
                                          tier=tier, is_demo=True))  # fmt: skip
            _dated(Award, cert.pk, day, rng)
            bump(stats, "awards.award.created")
        bump(stats, "awards.award.created")


def _young(count: int, rng) -> list[Person]:
    people = list(
        Person.objects.filter(is_demo=True, status="published", birth_year__gte=1993, death_year__isnull=True)
        .exclude(occupation__in=["juror", "organiser", "researcher"])
        .order_by("pk")
    )
    rng.shuffle(people)
    return people[:count]


def _scholarship(stats, rng):
    # No real body is named as funder: the seed says the city funds such programmes, not who or how.
    programme = programme_save(
        programme=Programme(
            slug=SCHOLARSHIP,
            kind=Programme.Kind.SCHOLARSHIP,
            name={
                "kk": "Жас шеберлерге стипендия (демо)",
                "ru": "Стипендия молодым мастерам (демо)",
                "en": "Scholarship for young artisans (demo)",
            },
            description={"en": "Synthetic demo programme: a year's scholarship paid in two instalments."},
            are_awards_public=True,
            is_demo=True,
        )
    )
    for index, person in enumerate(_young(10, rng)):
        decided = _date(2023 + index % 4, 2, 15)
        grant = grant_save(grant=Grant(programme=programme, person=person, amount=Decimal("1200000"),
                                       decided_on=decided, is_demo=True,
                                       purpose={"en": "A year of training with a master."}))  # fmt: skip
        _dated(Grant, grant.pk, decided, rng)
        instalment_pay(grant=grant, amount=Decimal("600000"), paid_on=decided + dt.timedelta(days=14))
        half_year = decided + dt.timedelta(days=190)
        if half_year <= timezone.localdate():
            instalment_pay(grant=grant, amount=Decimal("600000"), paid_on=half_year)
        year_end = decided + dt.timedelta(days=360)
        if year_end <= timezone.localdate():
            report = grant_report_submit(grant=grant, submitted_on=year_end, summary="Demo data: a year's report.")
            grant_report_decide(report=report, accept=True, decided_on=year_end + dt.timedelta(days=20))
        bump(stats, "support.grant.created")


def _residency(stats, rng):
    host = _demo_association()
    if host is None:
        return
    programme = programme_save(
        programme=Programme(
            slug=RESIDENCY,
            kind=Programme.Kind.RESIDENCY,
            name={
                "kk": "Шеберлер резиденциясы (демо)",
                "ru": "Резиденция для мастеров (демо)",
                "en": "Artisan residency (demo)",
            },
            description={"en": "Synthetic demo programme: four weeks in a master's workshop."},
            funder=host,
            is_demo=True,
        )
    )
    for index, person in enumerate(_young(13, rng)[10:12]):
        starts = _date(2026, 3 + index * 3, 1)
        decided = starts - dt.timedelta(days=60)
        grant = grant_save(grant=Grant(programme=programme, person=person, amount=Decimal("800000"),
                                       decided_on=decided, is_demo=True))  # fmt: skip
        _dated(Grant, grant.pk, decided, rng)
        residency_save(residency=Residency(grant=grant, host=host, starts_on=starts,
                                           ends_on=starts + dt.timedelta(days=27), is_demo=True))  # fmt: skip
        bump(stats, "support.grant.created")
