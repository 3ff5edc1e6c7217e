"""Part of scripts/smoke-production: 200 people apply at the same moment, over HTTP to the production server,
for a call with 50 seats; exactly 50 must be confirmed and 150 wait, with no error.

    python scripts/smoke_seats.py setup   → prints the call id; writes tokens to $SMOKE_DIR/tokens
    python scripts/smoke_seats.py apply URL CALL
    python scripts/smoke_seats.py count CALL
"""

import datetime as dt
import json
import os
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PEOPLE, SEATS = 200, 50
TOKENS = Path(os.environ.get("SMOKE_DIR", "/tmp")) / "tokens"


def setup() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from craftcity.events.models import Call
    from craftcity.events.services import event_create
    from craftcity.people.services import person_account_link, person_create

    now = timezone.now()
    event = event_create(slug="smoke-festival-workshop", kind="workshop", status="published",
                         name={"en": "Festival workshop"}, starts_at=now + dt.timedelta(days=3))  # fmt: skip
    call = Call.objects.create(event=event, opens_at=now - dt.timedelta(hours=1),
                               closes_at=now + dt.timedelta(days=1), capacity=SEATS)  # fmt: skip
    tokens = []
    for i in range(PEOPLE):
        user = get_user_model().objects.create_user(f"smoke-applicant-{i}", password=None)
        person = person_create(names=[{"full_name": f"Smoke Applicant {i}", "language": "en"}], occupation="artisan")
        person_account_link(person=person, user=user)
        tokens.append(Token.objects.create(user=user).key)
    TOKENS.write_text("\n".join(tokens))
    print(call.pk)


def apply(base: str, call: str) -> None:
    tokens = TOKENS.read_text().split()
    start = threading.Barrier(len(tokens))

    def one(token: str) -> int:
        request = urllib.request.Request(
            f"{base}/api/v1/applications/", data=json.dumps({"call": int(call)}).encode(), method="POST",
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )  # fmt: skip
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        codes = list(pool.map(one, tokens))
    print(json.dumps({str(code): codes.count(code) for code in sorted(set(codes))}))


def count(call: str) -> None:
    import django

    django.setup()
    from collections import Counter

    from craftcity.events.models import Application

    print(json.dumps(Counter(Application.objects.filter(call_id=int(call)).values_list("status", flat=True))))


if __name__ == "__main__":
    {"setup": setup, "apply": apply, "count": count}[sys.argv[1]](*sys.argv[2:])
