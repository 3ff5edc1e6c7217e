"""Applications, capacity, the waiting list with expiring offers, cancellations and bad input."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from craftcity.events import services
from craftcity.events.models import Application

S = Application.Status


def test_seats_fill_then_the_waiting_list_and_mail_in_the_persons_language(make_call, artisan):
    call = make_call(capacity=2)
    people = [artisan(f"Шебер {n}ов") for n in range(3)]
    results = [
        services.application_submit(user=user, call=call, answers={}, language=lang)
        for (_p, user), lang in zip(people, ["kk", "ru", "en"], strict=True)
    ]
    assert [a.status for a in results] == [S.CONFIRMED, S.CONFIRMED, S.WAITING]
    assert services.waiting_position(results[2]) == 1
    assert len(mail.outbox) == 3
    assert "waiting list" in mail.outbox[2].subject  # English applicant
    # Each mail is rendered in the applicant's language: the event's own name comes in that language.
    assert "(ru)" in mail.outbox[1].subject and "(ru)" not in mail.outbox[2].subject
    assert mail.outbox[0].to == [people[0][0].email]
    # The start is written as each applicant's language writes a date, never ISO.
    assert "2026 жылғы 4 қазан, 12:00" in mail.outbox[0].body and "4 октября 2026, 12:00" in mail.outbox[1].body


def test_a_freed_seat_is_offered_to_the_next_in_line_and_the_offer_expires(make_call, artisan):
    call = make_call(capacity=1, offer_hours=24)
    (_a, first), (_b, second), (_c, third) = artisan("Бір"), artisan("Екі"), artisan("Үш")
    a = services.application_submit(user=first, call=call)
    b = services.application_submit(user=second, call=call)
    c = services.application_submit(user=third, call=call)
    assert (b.status, c.status) == (S.WAITING, S.WAITING)

    now = timezone.now()
    services.application_cancel(user=first, application=a, now=now)
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.status == S.OFFERED and c.status == S.WAITING
    assert b.offer_expires_at == now + dt.timedelta(hours=24)
    assert "free for you" in mail.outbox[-1].subject

    # The offer lapses: the command expires it and passes the seat on to the third person.
    later = now + dt.timedelta(hours=25)
    assert services.offers_expire(now=later) == 1
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.status == S.EXPIRED and c.status == S.OFFERED

    # Accepting too late is refused; accepting in time confirms.
    with pytest.raises(ValidationError):
        services.offer_accept(user=second, application=b, now=later)
    services.offer_accept(user=third, application=c, now=later)
    c.refresh_from_db()
    assert c.status == S.CONFIRMED
    assert call.applications.filter(status__in=[S.CONFIRMED, S.OFFERED]).count() == 1


def test_lazy_expiry_on_access_and_the_command(make_call, artisan, client):
    call = make_call(capacity=1, offer_hours=1)
    (_a, first), (_b, second) = artisan("Бір"), artisan("Екі")
    a = services.application_submit(user=first, call=call)
    b = services.application_submit(user=second, call=call)
    services.application_cancel(user=first, application=a, now=timezone.now() - dt.timedelta(hours=3))
    b.refresh_from_db()
    assert b.status == S.OFFERED and b.offer_expires_at < timezone.now()
    # A visitor's view writes nothing (their page shows no status; the frequent schedule expires offers)...
    assert client.get(f"/en/events/{call.event.slug}/").status_code == 200
    b.refresh_from_db()
    assert b.status == S.OFFERED
    # ...while the applicant opening the page sees it expired, without any scheduled job.
    client.force_login(second)
    assert client.get(f"/en/events/{call.event.slug}/").status_code == 200
    b.refresh_from_db()
    assert b.status == S.EXPIRED
    out = StringIO()
    call_command("expire_offers", stdout=out)
    assert "0 offer(s) expired" in out.getvalue()


def test_late_early_duplicate_and_full_applications_are_refused_and_change_nothing(make_call, artisan):
    (_p, user), (_q, other) = artisan("Бір"), artisan("Екі")
    late = make_call(closes_at=timezone.now() - dt.timedelta(minutes=1), opens_at=timezone.now() - dt.timedelta(days=2))
    with pytest.raises(ValidationError, match="deadline has passed"):
        services.application_submit(user=user, call=late)
    early = make_call(opens_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="not opened"):
        services.application_submit(user=user, call=early)

    call = make_call(capacity=1, has_waiting_list=False)
    services.application_submit(user=user, call=call)
    with pytest.raises(ValidationError, match="already applied"):
        services.application_submit(user=user, call=call)
    with pytest.raises(ValidationError, match="All places are taken"):
        services.application_submit(user=other, call=call)
    assert Application.objects.count() == 1


def test_answers_are_checked_against_the_calls_questions(make_call, artisan):
    questions = [
        {"key": "portfolio", "label": {"en": "Portfolio link"}, "type": "text", "required": True},
        {"key": "craft", "type": "choice", "choices": ["felt", "glass"]},
        {"key": "years", "type": "number"},
    ]
    call = make_call(questions=questions)
    _p, user = artisan()
    with pytest.raises(ValidationError) as error:
        services.application_submit(user=user, call=call, answers={"craft": "plastic", "years": "many", "x": 1})
    assert set(error.value.message_dict) == {"portfolio", "craft", "years", "answers"}
    assert not Application.objects.exists()
    ok = services.application_submit(user=user, call=call, answers={"portfolio": " https://x ", "years": "12"})
    assert ok.answers == {"portfolio": "https://x", "years": 12.0}


def test_a_forged_request_for_someone_elses_application_is_refused(make_call, artisan, client):
    call = make_call(capacity=5)
    (_p, owner), (_q, intruder) = artisan("Иесі"), artisan("Бөтен")
    application = services.application_submit(user=owner, call=call)
    with pytest.raises(PermissionDenied):
        services.application_cancel(user=intruder, application=application)
    client.force_login(intruder)
    assert client.post(f"/en/events/applications/{application.pk}/cancel/").status_code == 403
    response = client.post(f"/api/v1/applications/{application.pk}/cancel/")
    assert response.status_code == 403
    assert response.json()["error"]["status"] == 403
    assert client.get(f"/api/v1/applications/{application.pk}/").status_code == 404  # not even visible
    application.refresh_from_db()
    assert application.status == S.CONFIRMED


def test_apply_over_the_api_and_from_the_event_page(make_call, artisan, client):
    call = make_call(capacity=1)
    (_p, user), (_q, other) = artisan("Бір"), artisan("Екі")
    client.force_login(user)
    response = client.post("/api/v1/applications/", {"call": call.pk, "answers": {}}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "confirmed"
    again = client.post("/api/v1/applications/", {"call": call.pk}, content_type="application/json")
    assert again.status_code == 400
    assert "already applied" in str(again.json()["error"]["fields"])
    client.force_login(other)
    page = client.post(f"/en/events/{call.event.slug}/apply/", follow=True)
    assert "waiting list" in page.content.decode()
    assert call.applications.get(person__user=other).status == S.WAITING


def test_organisers_check_in_and_export(make_event, make_call, artisan, organiser_of, make_organization, client):
    union = make_organization("union")
    call = make_call(make_event(organised_by=[union]), capacity=3)
    _p, user = artisan()
    application = services.application_submit(user=user, call=call)
    with pytest.raises(PermissionDenied):
        services.application_check_in(user=user, application=application)
    organiser = organiser_of(union, is_staff=True)
    services.application_check_in(user=organiser, application=application)
    application.refresh_from_db()
    assert application.checked_in_at is not None
    client.force_login(organiser)
    response = client.post(
        "/en/admin/events/application/", {"action": "export_csv", "_selected_action": [application.pk]}
    )
    assert response.status_code == 200
    assert "Aizhan Bekkulova" in response.content.decode()  # the English export reads the Latin form
    response = client.post(
        "/en/admin/events/application/", {"action": "export_xlsx", "_selected_action": [application.pk]}
    )
    assert response.content[:2] == b"PK"


def test_attachments_are_required_when_asked_and_only_of_known_types(make_call, artisan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    call = make_call(is_attachment_required=True)
    _p, user = artisan()
    with pytest.raises(ValidationError, match="Attach the requested file"):
        services.application_submit(user=user, call=call)
    with pytest.raises(ValidationError, match="PDF"):
        services.application_submit(user=user, call=call, attachment=SimpleUploadedFile("run.exe", b"MZ"))
    assert not Application.objects.exists()
    ok = services.application_submit(
        user=user, call=call, attachment=SimpleUploadedFile("portfolio.pdf", b"%PDF-1.4", "application/pdf")
    )
    assert ok.attachment.name.endswith(".pdf")


def test_an_attachment_is_a_private_file_only_its_applicant_and_the_registry_download(
    client, make_call, artisan, make_user, settings
):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    call = make_call(is_attachment_required=True)
    _p, user = artisan()
    application = services.application_submit(
        user=user, call=call, attachment=SimpleUploadedFile("portfolio.pdf", b"%PDF-1.4 cv", "application/pdf")
    )
    stored = Path(application.attachment.path)
    assert Path(settings.CRAFTCITY_PRIVATE_MEDIA_ROOT) in stored.parents  # outside MEDIA_ROOT: no URL reaches it
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    registrar = make_user(role="registrar")
    client.force_login(registrar)
    page = client.get(f"/en/admin/events/application/{application.pk}/change/")
    assert page.status_code == 200 and application.attachment.name.rsplit("/", 1)[-1] in page.content.decode()
    download = client.get(f"/en/admin/events/application/{application.pk}/attachment/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 cv"
    client.force_login(make_user(role="curator"))
    assert client.get(f"/en/admin/events/application/{application.pk}/attachment/").status_code in {302, 403, 404}


def test_an_attachment_over_its_own_limit_is_refused_naming_it(make_call, artisan, monkeypatch):
    import dataclasses

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    monkeypatch.setattr(services, "ATTACHMENT", dataclasses.replace(services.ATTACHMENT, max_bytes=1000))
    _person, user = artisan()
    attachment = SimpleUploadedFile("portfolio.pdf", b"%PDF-1.4" + b"0" * 2000, "application/pdf")

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.application_submit(user=user, call=make_call(), attachment=attachment)

    assert refused.value.message_dict == {
        "attachment": ["“portfolio.pdf” is 2.0 KB; files over 1000 bytes are not accepted."]
    }
    assert not Application.objects.exists()
