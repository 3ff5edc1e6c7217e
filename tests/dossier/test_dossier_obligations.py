"""A designation brings its reports; the staff see them as the deadline approaches."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from craftcity.awards.models import Award, AwardProgramme
from craftcity.awards.services import award_save
from craftcity.dossier.models import ReportingObligation
from craftcity.dossier.selectors import obligations_due_soon, obligations_overview
from craftcity.dossier.services import obligation_schedule, obligation_submit, obligations_derive, obligations_remind
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
    obligation_submit(obligation=soon, submitted_on=dt.date(2026, 12, 1))  # sent early
    assert list(obligations_due_soon(today=dt.date(2027, 5, 1))) == []
    assert ReportingObligation.objects.filter(award=award).count() == 2


@pytest.fixture
def uccn(almaty):
    """A UNESCO title of 2017: reports due 2021-11-01 and 2025-11-01 (both past), 2029, 2033."""
    return _title("unesco-creative-city-of-music", almaty, year=2017, granted_on=dt.date(2017, 11, 1))


def test_reports_are_overdue_upcoming_later_or_submitted_with_days_counted(uccn):
    first, second, *later = uccn.reporting_obligations.order_by("due_on")
    obligation_submit(obligation=first, submitted_on=dt.date(2021, 12, 11))  # 40 days late
    overview = obligations_overview(today=dt.date(2026, 1, 10))
    assert overview.overdue == [second] and second.days_late(dt.date(2026, 1, 10)) == 70
    assert overview.upcoming == [] and overview.later == later
    assert overview.submitted == [first] and first.days_late(dt.date(2026, 1, 10)) == 40
    assert obligations_overview(today=dt.date(2029, 8, 1)).upcoming == [later[0]]


def test_an_analyst_records_a_report_with_its_file_and_only_analysts_download_it(client, make_user, uccn):
    analyst = make_user(role="analyst")
    client.force_login(analyst)
    obligation = uccn.reporting_obligations.order_by("due_on").first()
    dashboard = client.get(reverse("admin:dossier_dashboard"))
    html = dashboard.content.decode()
    assert "Overdue" in html and f'<time datetime="{obligation.due_on.isoformat()}">1 Nov 2021</time>' in html
    pdf = SimpleUploadedFile("mmr-2021.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    response = client.post(
        reverse("admin:dossier_report_submit", args=[obligation.pk]), {"submitted_on": "2021-12-01", "submission": pdf}
    )
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert (obligation.status, obligation.submitted_on, obligation.submitted_by) == ("submitted", dt.date(2021, 12, 1),
                                                                                      analyst)  # fmt: skip
    # kept outside MEDIA_ROOT: no URL reaches it, only the dashboard's download
    assert obligation.submission.path.startswith(str(settings.CRAFTCITY_PRIVATE_MEDIA_ROOT))
    assert not obligation.submission.path.startswith(str(settings.MEDIA_ROOT))
    page = client.get(reverse("admin:dossier_dashboard")).content.decode()
    assert "Submitted reports" in page and "2021-12-01" in page and "30 days late" in page
    download = client.get(reverse("admin:dossier_report_file", args=[obligation.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 report"
    client.force_login(make_user(role="curator"))
    assert client.get(reverse("admin:dossier_report_file", args=[obligation.pk])).status_code == 403


def test_a_wrong_file_or_a_future_date_is_refused_and_nothing_is_recorded(client, make_user, uccn):
    client.force_login(make_user(role="analyst"))
    obligation = uccn.reporting_obligations.order_by("due_on").first()
    exe = SimpleUploadedFile("report.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("admin:dossier_report_submit", args=[obligation.pk]),
        {"submitted_on": "2021-12-01", "submission": exe},
        follow=True,
    )
    assert "report.exe: send the report as PDF, DOCX, DOC, ODT or ZIP." in response.content.decode()
    with pytest.raises(ValidationError, match="future"):
        obligation_submit(obligation=obligation, submitted_on=dt.date(2099, 1, 1))
    obligation.refresh_from_db()
    assert obligation.status == "due" and not obligation.submission


def test_only_those_who_keep_reports_may_record_them(client, make_user, uccn):
    obligation = uccn.reporting_obligations.first()
    with pytest.raises(PermissionDenied):
        obligation_submit(actor=make_user(role="curator"), obligation=obligation, submitted_on=dt.date(2025, 1, 1))
    client.force_login(make_user(role="organiser"))
    response = client.post(reverse("admin:dossier_report_submit", args=[obligation.pk]), {"submitted_on": "2025-01-1"})
    assert response.status_code == 403


def test_analysts_are_reminded_by_e_mail_once_a_week(make_user, uccn, mailoutbox, django_capture_on_commit_callbacks):
    analyst = make_user(role="analyst", email="analyst@example.kz")
    make_user(role="curator", email="curator@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        assert obligations_remind(today=dt.date(2026, 1, 10)) == 2  # the 2021 and 2025 reports, both overdue
    [mail] = mailoutbox
    assert mail.to == [analyst.email]
    # in the site's language; one line per report, each naming the title
    assert [line for line in mail.body.splitlines() if line.startswith("- ")] == [
        line for line in mail.body.splitlines() if "unesco-creative-city-of-music" in line
    ]
    assert mail.body.count("unesco-creative-city-of-music") == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert obligations_remind(today=dt.date(2026, 1, 11)) == 0  # reminded yesterday
    assert len(mailoutbox) == 1
