"""200 people apply at the same moment for 50 seats: exactly 50 confirmed, 150 waiting, in a gapless line.

Real concurrency: each thread has its own database connection and its own transactions (transaction=True),
so the lock in application_submit (BEGIN IMMEDIATE on SQLite, SELECT … FOR UPDATE on the event row on
PostgreSQL) is what keeps the count right."""

import threading

import pytest
from django.db import connection, connections

from craftcity.events import services
from craftcity.events.models import Application

REQUESTS, SEATS, THREADS = 200, 50, 16


@pytest.mark.django_db(transaction=True)
def test_two_hundred_simultaneous_applications_for_fifty_seats(make_call, make_user, make_person):
    call = make_call(capacity=SEATS)
    users = []
    for n in range(REQUESTS):
        user = make_user(f"racer{n}")
        make_person(f"Жарысушы {n}", user=user)
        users.append(user)
    # Load each user's person now: the threads must not race on lazy attribute loads.
    users = [type(u).objects.select_related("person").get(pk=u.pk) for u in users]

    start, errors, lock = threading.Barrier(THREADS), [], threading.Lock()
    chunks = [users[i::THREADS] for i in range(THREADS)]

    def worker(mine):
        try:
            start.wait()
            for user in mine:
                services.application_submit(user=user, call=call)
        except Exception as error:
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    statuses = list(Application.objects.filter(call=call).values_list("status", flat=True))
    assert len(statuses) == REQUESTS
    assert statuses.count(Application.Status.CONFIRMED) == SEATS
    assert statuses.count(Application.Status.WAITING) == REQUESTS - SEATS
    # The line is in submission order: every confirmed application came before every waiting one.
    ordered = list(Application.objects.filter(call=call).order_by("created_at", "pk").values_list("status", flat=True))
    assert ordered == sorted(ordered, key=lambda status: status != Application.Status.CONFIRMED)
    assert connection.vendor in {"sqlite", "postgresql"}
