"""Support programmes: the rules of awarding and paying, titles with a term, the funding figures counted by
hand, and a pedigree read back from its PDF."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext

from craftcity.awards.models import Award, AwardProgramme
from craftcity.awards.services import award_save, title_cancel, title_renew
from craftcity.dossier.selectors import indicators_as_of
from craftcity.geo.models import Country, Region
from craftcity.lineage.models import Relation
from craftcity.lineage.services import relation_create
from craftcity.support.models import Grant, GrantReport, Programme
from craftcity.support.services import (
    grant_cancel,
    grant_report_decide,
    grant_report_submit,
    grant_save,
    instalment_pay,
    programme_save,
)
from craftcity.taxonomy.models import CreativeField, Discipline

from .conftest import Clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db, make_person):
    kz = Country.objects.create(iso_code="KZ", name={"en": "Kazakhstan"})
    almaty = Region.objects.create(country=kz, iso_code="KZ-75", name={"en": "Almaty"})
    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    felt = Discipline.objects.create(slug="felt", field=field, name={"en": "Felt making"})
    dombra = Discipline.objects.create(slug="instruments", field=field, name={"en": "Instrument making"})
    clock = Clock()
    with clock.at(dt.date(2020, 1, 10)):
        people = {
            "young": make_person("Жас Шебер", occupation="artisan", gender="female", birth_year=2000, region=almaty,
                                 disciplines=[felt]),
            "elder": make_person("Қарт Шебер", occupation="artisan", gender="male", birth_year=1955, region=almaty,
                                 disciplines=[dombra]),
            "mid": make_person("Орта Шебер", occupation="artisan", gender="female", birth_year=1985,
                               disciplines=[felt, dombra]),
        }  # fmt: skip
    scholarship = programme_save(programme=Programme(slug="youth", kind="scholarship", name={"en": "Youth"}))
    residency = programme_save(programme=Programme(slug="res", kind="residency", name={"en": "Residency"},
                                                   currency="USD"))  # fmt: skip
    return {"people": people, "scholarship": scholarship, "residency": residency, "felt": felt, "clock": clock}


def _grant(programme, person, amount, day, **fields):
    return grant_save(grant=Grant(programme=programme, person=person, amount=Decimal(amount), decided_on=day, **fields))


def test_funding_counted_by_hand(city):
    p, s, r = city["people"], city["scholarship"], city["residency"]
    with city["clock"].at(dt.date(2023, 3, 1)):
        _grant(s, p["young"], "500000", dt.date(2023, 3, 1))
    with city["clock"].at(dt.date(2024, 3, 1)):
        _grant(s, p["young"], "600000", dt.date(2024, 3, 1))  # second time: not first-time in 2024
        _grant(s, p["mid"], "400000", dt.date(2024, 3, 1))
        _grant(r, p["elder"], "3000", dt.date(2024, 4, 1))  # dollars: counted, not summed with tenge
        cancelled = _grant(s, p["elder"], "100000", dt.date(2024, 3, 1))
    with city["clock"].at(dt.date(2024, 6, 1)):
        grant_cancel(grant=cancelled, cancelled_on=dt.date(2024, 6, 1))
    result = indicators_as_of(dt.date(2024, 12, 31))["funding"]
    measures = {row.key: row.values[0] for row in result.table("measure").rows}
    assert measures == {"grants": 4, "recipients": 3, "amount": 1_500_000, "first_time": 2, "young": 1,
                        "young_share": "33%", "amount_USD": 3000}  # fmt: skip
    crafts = {str(row.label): row.values for row in result.table("craft").rows}
    assert crafts == {"Felt making": (2, 1_500_000), "Instrument making": (2, 400_000)}
    ages = {str(row.label): row.values for row in result.table("age_band").rows}
    assert ages == {"0–29": (1, 1_100_000), "30–44": (1, 400_000), "60+": (1, 0)}
    # As of the first year only the first scholarship existed; the cancelled one counted while in force.
    assert indicators_as_of(dt.date(2023, 12, 31))["funding"].total == 1
    assert indicators_as_of(dt.date(2024, 5, 1))["funding"].total == 3  # young, mid, elder (scholarship + residency)


def test_money_rules(city, make_user):
    grant = _grant(city["scholarship"], city["people"]["young"], "1000", dt.date(2024, 1, 1))
    instalment_pay(grant=grant, amount=Decimal("600"), paid_on=dt.date(2024, 2, 1))
    with pytest.raises(ValidationError, match=r"400\.00 KZT is left to pay"):
        instalment_pay(grant=grant, amount=Decimal("500"), paid_on=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError, match="before the grant is decided"):
        instalment_pay(grant=grant, amount=Decimal("10"), paid_on=dt.date(2023, 12, 1))
    grant.amount = Decimal("500")
    with pytest.raises(ValidationError, match="already been paid"):
        grant_save(grant=grant)
    with pytest.raises(PermissionDenied):
        instalment_pay(actor=make_user(role="analyst"), grant=grant, amount=Decimal("1"), paid_on=dt.date(2024, 3, 1))
    report = grant_report_submit(grant=grant, submitted_on=dt.date(2024, 12, 1), summary="Felt rugs woven")
    grant_report_decide(report=report, accept=True, decided_on=dt.date(2024, 12, 10))
    grant.refresh_from_db()
    assert grant.status == Grant.Status.COMPLETED and report.status == GrantReport.Status.ACCEPTED


def test_a_programme_with_a_call_awards_only_the_jurys_winners(city):
    from django.utils import timezone

    from craftcity.events.models import Application, Call
    from craftcity.events.services import event_create

    event = event_create(slug="youth-call", kind="competition", name={"en": "Youth call"}, starts_at=timezone.now())
    call = Call.objects.create(event=event, opens_at=timezone.now() - dt.timedelta(days=9),
                               closes_at=timezone.now() - dt.timedelta(days=1))  # fmt: skip
    programme = city["scholarship"]
    programme.call = call
    programme_save(programme=programme)
    application = Application.objects.create(call=call, person=city["people"]["young"], status="confirmed")
    with pytest.raises(ValidationError, match="choose the winning application"):
        _grant(programme, city["people"]["young"], "1000", dt.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="Only a winner"):
        _grant(programme, None, "1000", dt.date(2024, 1, 1), application=application)
    application.stage = Application.Stage.WINNER
    application.save()
    grant = _grant(programme, None, "1000", dt.date(2024, 1, 1), application=application)
    assert grant.person == city["people"]["young"]


def test_titles_have_a_term_are_renewed_and_cancelled_with_a_reason(city):
    title = AwardProgramme.objects.create(slug="peoples-master", kind="honour", name={"en": "People's Master"},
                                          term_years=5)  # fmt: skip
    elder, clock = city["people"]["elder"], city["clock"]
    with clock.at(dt.date(2018, 5, 1)):
        first = award_save(award=Award(programme=title, person=elder, year=2018, granted_on=dt.date(2018, 5, 1),
                                       tier="holder"))  # fmt: skip
    assert first.valid_until == dt.date(2023, 4, 30)
    with clock.at(dt.date(2023, 4, 20)):
        renewal = title_renew(award=first, renewed_on=dt.date(2023, 4, 20))
    assert renewal.renews == first and renewal.valid_until == dt.date(2028, 4, 19)
    assert indicators_as_of(dt.date(2024, 1, 1))["titles"].total == 1  # the renewal; the first has expired
    with pytest.raises(ValidationError, match="Say why"):
        title_cancel(award=renewal, cancelled_on=dt.date(2025, 1, 1), reason=" ")
    with clock.at(dt.date(2025, 1, 1)):
        title_cancel(award=renewal, cancelled_on=dt.date(2025, 1, 1), reason="Left the craft")
    assert not renewal.is_in_force(dt.date(2025, 1, 1)) and renewal.is_in_force(dt.date(2024, 12, 31))
    assert indicators_as_of(dt.date(2025, 6, 1))["titles"].total == 0
    with pytest.raises(ValidationError, match="cancelled title cannot be renewed"):
        title_renew(award=renewal, renewed_on=dt.date(2025, 6, 1))


def test_a_pedigree_pdf_names_teachers_students_and_titles_and_no_private_data(city, client, make_person):
    import io

    from pypdf import PdfReader

    p = city["people"]
    teacher = make_person("Ұстаз Ата", occupation="artisan", birth_year=1930, death_year=2010,
                          phone="+7 701 555 44 33", is_phone_public=False)  # fmt: skip
    hidden = make_person("Жасырын Шәкірт", occupation="artisan", status="draft")
    relation_create(
        kind=Relation.Kind.APPRENTICESHIP, senior=teacher, junior=p["elder"], start_year=1975, end_year=1980
    )
    relation_create(kind=Relation.Kind.APPRENTICESHIP, senior=p["elder"], junior=p["mid"], start_year=2005)
    relation_create(kind=Relation.Kind.APPRENTICESHIP, senior=p["mid"], junior=p["young"], start_year=2020)
    relation_create(kind=Relation.Kind.APPRENTICESHIP, senior=p["elder"], junior=hidden, start_year=2021)
    title = AwardProgramme.objects.create(slug="peoples-master", kind="honour", name={"en": "People's Master"})
    award_save(award=Award(programme=title, person=p["elder"], year=2019, tier="holder"))
    response = client.get(f"/kk/people/{p['elder'].pk}/pedigree.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    with translation.override("kk"):
        for_life = gettext("for life")
    for expected in ("Қарт Шебер", "Ұстаз Ата", "1975–1980", "Орта Шебер", "Жас Шебер", "People's Master", for_life):
        assert expected in text, expected
    assert "Жасырын" not in text and "555 44 33" not in text
    assert client.get(f"/en/people/{hidden.pk}/pedigree.pdf").status_code == 404


@pytest.mark.parametrize(("language", "amount", "reason"), [
    ("kk", "1\xa0500\xa0000", "шебер тіркелген"),
    ("ru", "1\xa0500\xa0000", "записано лишь 2 мастера"),
    ("en", "1,500,000", "only 2 practitioners recorded"),
])  # fmt: skip
def test_the_printed_dossier_groups_large_sums_and_says_why_under_each_craft(city, tmp_path, language, amount, reason):
    from pypdf import PdfReader

    from craftcity.dossier.services import dossier_build

    p = city["people"]
    with city["clock"].at(dt.date(2024, 3, 1)):
        _grant(city["scholarship"], p["young"], "1500000", dt.date(2024, 3, 1))
    pdf, _xlsx = dossier_build(as_of=dt.date(2024, 12, 31), template="wcc", language=language,
                               out=tmp_path / "dossier.pdf")  # fmt: skip
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    grouped = amount.replace("\xa0", " ")
    assert amount in text or grouped in text
    assert "1500000" not in text
    # The viability reasons are printed (under each craft's row, so the table fits the page).
    assert reason in text.lower()


def test_public_programme_pages_show_amounts_only_where_the_programme_publishes_them(city, client, make_person):
    p = city["people"]
    hidden = make_person("Жасырын Алушы", occupation="artisan", status="draft")
    _grant(city["scholarship"], p["young"], "750000", dt.date(2024, 3, 1), purpose={"en": "Felt studies"})
    _grant(city["scholarship"], hidden, "250000", dt.date(2024, 3, 1))
    _grant(city["residency"], p["elder"], "3000", dt.date(2025, 4, 1))
    listing = client.get("/ru/support/").content.decode()
    assert "Youth" in listing and "Residency" in listing

    # Not published: visitors see how many awards were made in a year, never who or how much.
    page = client.get("/en/support/youth/").content.decode()
    assert "2024" in page and "Жас Шебер" not in page and "750,000" not in page
    assert "does not publish its recipients" in page
    assert "Felt studies" not in client.get(f"/en/people/{p['young'].pk}/").content.decode()

    # Published: recipients with public records and their amounts, grouped in the reader's language.
    youth = Programme.objects.get(slug="youth")
    youth.are_awards_public = True
    programme_save(programme=youth)
    page = client.get("/ru/support/youth/").content.decode()
    assert "Жас Шебер" in page and "750\xa0000\xa0KZT" in page
    assert "Жасырын" not in page and "250\xa0000" not in page  # a draft record stays out, and out of the total
    person_page = client.get(f"/en/people/{p['young'].pk}/").content.decode()
    assert "Youth" in person_page and "750,000\xa0KZT" in person_page
    assert client.get("/en/support/no-such-programme/").status_code == 404


def test_a_recipient_reports_on_their_own_grant_from_my_craftcity_and_no_one_else_can(city, client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from craftcity.people.services import person_account_link

    p = city["people"]
    mine = _grant(city["scholarship"], p["young"], "1200000", dt.date(2024, 3, 1))
    theirs = _grant(city["scholarship"], p["elder"], "900000", dt.date(2024, 3, 1))
    user = make_user("zhas", email="zhas@example.org")
    person_account_link(person=p["young"], user=user)
    client.force_login(user)
    page = client.get("/ru/me/grants/").content.decode()
    assert "1\xa0200\xa0000\xa0KZT" in page and "900\xa0000" not in page  # my amount, not someone else's

    # A wrong file type: said where and why, nothing recorded, the text kept.
    bad = SimpleUploadedFile("report.exe", b"MZ...", content_type="application/octet-stream")
    response = client.post("/en/me/grants/", {"grant": mine.pk, "summary": "Made 12 felt rugs.", "file": bad})
    body = response.content.decode()
    assert "report.exe: send the report as PDF" in body and "Made 12 felt rugs." in body
    assert not GrantReport.objects.exists()

    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    response = client.post("/en/me/grants/", {"grant": mine.pk, "summary": "Made 12 felt rugs.", "file": pdf})
    assert response.status_code == 302
    report = GrantReport.objects.get()
    assert report.grant == mine and report.file and report.status == GrantReport.Status.SUBMITTED

    # A second report while the first waits is refused, in the reader's language.
    body = client.post("/en/me/grants/", {"grant": mine.pk, "summary": "Again"}).content.decode()
    assert "already waiting for a decision" in body and GrantReport.objects.count() == 1

    # Someone else's grant: not found from the page, refused by the service.
    assert client.post("/en/me/grants/", {"grant": theirs.pk, "summary": "Not mine"}).status_code == 404
    with pytest.raises(PermissionDenied):
        grant_report_submit(actor=user, grant=theirs, submitted_on=dt.date(2024, 6, 1), summary="Not mine")
    assert GrantReport.objects.count() == 1
