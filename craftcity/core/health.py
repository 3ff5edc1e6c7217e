"""Health checks for the reverse proxy, the process supervisor and the operator.

`/healthz` answers while the process can serve a request at all (no database touched), for the supervisor's
liveness probe. `/readyz` checks what a page needs: the database answers, the cache stores and returns a
value, and the job backend's queue is readable; it reports the queue's depth and the age of its oldest
waiting job (a worker that stopped shows here first), and answers 503 when a check fails so a load
balancer takes the process out of rotation. Neither reveals anything private: counts and seconds only.
"""

from __future__ import annotations

import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database() -> dict:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), "vendor": connection.vendor}


def _cache() -> dict:
    key, value = "craftcity:readyz", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    return {"ok": cache.get(key) == value}


def _jobs() -> dict:
    """The database job backend's waiting jobs (other backends keep their queue elsewhere: not counted)."""
    from django.conf import settings

    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if "django_tasks_db" not in backend:
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1]}
    from django_tasks_db.models import DBTaskResult

    from .jobs import queue_depth

    oldest = DBTaskResult.objects.filter(status="READY").order_by("enqueued_at").values_list("enqueued_at", flat=True)
    oldest = oldest.first()
    return {
        "ok": True,
        "backend": "database",
        **queue_depth(),
        "oldest_waiting_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
    }


@never_cache
def readyz(request):
    checks = {}
    for name, check in (("database", _database), ("cache", _cache), ("jobs", _jobs)):
        try:
            checks[name] = check()
        except Exception as error:  # any failure makes the process not ready; say which and why
            checks[name] = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    ready = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503)
