"""The dashboard and builds: for analysts and administrators, never for artisans."""

import datetime as dt

import pytest

from craftcity.dossier.models import DossierBuild

pytestmark = pytest.mark.django_db

URLS = ["/en/admin/dossier/dossierbuild/dashboard/", "/en/admin/dossier/dossierbuild/dashboard/practitioners.csv"]


@pytest.mark.parametrize("url", URLS)
def test_artisans_are_forbidden(client, make_user, make_person, url, registry):
    user = make_user(role="artisan")
    make_person("Бота Жемелхан", user=user)
    client.force_login(user)
    assert client.get(url).status_code == 403
    assert client.post("/en/admin/dossier/dossierbuild/build/", {}).status_code == 403


def test_an_analyst_sees_charts_and_downloads_the_numbers(client, make_user, registry):
    client.force_login(make_user(role="analyst"))
    response = client.get(URLS[0], {"as_of": "2024-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Practitioners: 3" in html
    csv = client.get(URLS[1], {"as_of": "2024-01-01"})
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert "By discipline,Jewellery,2" in text and "total,2024-01-01,3" in text
    xlsx = client.get("/en/admin/dossier/dossierbuild/dashboard/practitioners.xlsx", {"as_of": "2024-01-01"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_dashboard_is_labelled_in_the_users_language(client, make_user, registry):
    client.force_login(make_user(role="analyst"))
    html = client.get("/kk/admin/dossier/dossierbuild/dashboard/", {"as_of": "2024-01-01"}).content.decode()
    assert "Шеберлер мен музыканттар" in html and "Зергерлік" in html


def test_an_analyst_builds_the_dossier_and_downloads_it(client, make_user, registry):
    client.force_login(make_user(role="analyst"))
    response = client.post(
        "/en/admin/dossier/dossierbuild/build/", {"template": "uccn", "language": "ru", "as_of": "2024-01-01"}
    )
    build = DossierBuild.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/build/{build.pk}/")
    assert build.status == "done" and build.progress == 100
    page = client.get(response.url).content.decode()
    assert "Download the PDF" in page
    pdf = client.get(f"/en/admin/dossier/dossierbuild/build/{build.pk}/pdf/")
    assert b"".join(pdf.streaming_content)[:4] == b"%PDF"


def test_a_build_before_any_data_is_refused_on_the_form(client, make_user, registry):
    client.force_login(make_user(role="analyst"))
    response = client.post(
        "/en/admin/dossier/dossierbuild/build/",
        {"template": "wcc", "language": "en", "as_of": dt.date(2010, 1, 1).isoformat()},
        follow=True,
    )
    assert "No data existed on 2010-01-01" in response.content.decode()
    assert not DossierBuild.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when it is done
def test_a_build_is_a_job_that_waits_for_the_worker_not_the_web_process(client, make_user, registry, settings):
    """With the production backend the request only queues the job: a restart of the web process loses
    nothing, and the worker (`db_worker`) builds it."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(make_user(role="analyst"))
    response = client.post(
        "/en/admin/dossier/dossierbuild/build/", {"template": "wcc", "language": "kk", "as_of": "2024-01-01"}
    )
    build = DossierBuild.objects.get()
    assert build.status == "queued" and not build.pdf
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert "Queued" in client.get(response.url).content.decode()

    call_command("db_worker", batch=True, verbosity=0)

    build.refresh_from_db()
    assert build.status == "done" and build.pdf and build.annexes
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_nobody_but_analysts_asks_for_a_build(make_user, registry):
    from django.core.exceptions import PermissionDenied

    from craftcity.dossier.services import dossier_build_request

    with pytest.raises(PermissionDenied):
        dossier_build_request(actor=make_user(), as_of=dt.date(2024, 1, 1), template="wcc", language="en")
    assert not DossierBuild.objects.exists()
