"""The health checks a supervisor and a load balancer ask: alive, and ready (database, cache, job queue)."""

import pytest

from craftcity.core import health

pytestmark = pytest.mark.django_db


def test_alive_and_ready_with_the_queue_depth(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from craftcity.imports.tasks import import_upload_run

    assert client.get("/healthz").json() == {"status": "ok"}
    import_upload_run.enqueue(upload_id=0)  # a job nobody has run yet
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["database"]["ok"] and body["cache"]["ok"]
    assert body["jobs"]["waiting"] == 1 and body["jobs"]["oldest_waiting_seconds"] >= 0
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_failing_check_takes_the_process_out_of_rotation_and_says_which(client, monkeypatch):
    def broken():
        raise ConnectionError("cache server refused the connection")

    monkeypatch.setattr(health, "_cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["database"]["ok"]
    assert body["cache"] == {"ok": False, "error": "ConnectionError: cache server refused the connection"}
