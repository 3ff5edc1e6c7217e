"""A designation brings its reports; the staff see them as the deadline approaches."""

import datetime as dt

import pytest

from craftcity.awards.models import Award, AwardProgramme
from craftcity.awards.services import award_save
from craftcity.dossier.models import ReportingObligation
from craftcity.dossier.selectors import obligations_due_soon
from craftcity.dossier.services import obligation_schedule, obligation_submit, obligations_derive
from craftcity.geo.models import Country, Locality

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def almaty(db):
    kz = Country.objects.create(iso_code="KZ", name={"en": "Kazakhstan"})
    return Locality.objects.create(country=kz, name={"en": "Almaty"})


def _title(slug, locality, **fields):
    programme = AwardProgramme.objects.create(slug=slug, kind="city_title", name={"en": slug})
    return award_save(award=Award(programme=programme, locality=locality, **fields))


def test_a_world_craft_city_reports_after_two_and_four_years(almaty):
    award = _title("wcc-world-craft-city", almaty, year=2025, granted_on=dt.date(2025, 10, 5))
    due = list(award.reporting_obligations.values_list("kind", "due_on"))  # created on save
    assert due == [("wcc_2y", dt.date(2027, 10, 5)), ("wcc_4y", dt.date(2029, 10, 5))]
    assert obligations_derive(award=award) == []  # idempotent


def test_a_unesco_creative_city_reports_every_four_years(almaty):
    award = _title("unesco-creative-city-of-music", almaty, year=2017, granted_on=dt.date(2017, 11, 1))
    dates = [due for _kind, due in obligation_schedule(award, today=dt.date(2026, 1, 1))]
    assert dates == [dt.date(2021, 11, 1), dt.date(2025, 11, 1), dt.date(2029, 11, 1), dt.date(2033, 11, 1)]


def test_reports_due_within_180_days_are_reminded_until_submitted(almaty):
    award = _title("wcc-world-craft-city", almaty, year=2025, granted_on=dt.date(2025, 10, 5))
    assert list(obligations_due_soon(today=dt.date(2027, 1, 1))) == []
    [soon] = obligations_due_soon(today=dt.date(2027, 5, 1))
    assert soon.kind == "wcc_2y"
    obligation_submit(obligation=soon, submitted_on=dt.date(2027, 9, 1))
    assert list(obligations_due_soon(today=dt.date(2027, 5, 1))) == []
    assert ReportingObligation.objects.filter(award=award).count() == 2
