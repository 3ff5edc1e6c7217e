"""Object URLs by guessing ids (IDOR): every address of the site, the back office and the API with a record in it,
read from the URL resolver (tests/security/sweep.py), asked by a visitor and by each role for someone else's
records: a draft profile with a phone, e-mail, address and birth date, their draft work and its image, their
application with its file, their grant and its report, their organization's draft event, call and membership.

Each answer must refuse (403, 404, 405, or a redirect to signing in or to the back office's start page) unless the
role's rules let it read that record (curators the catalogue, analysts the registry and support read-only; the
organization is public), and no answer to anyone but registrars and the person may carry their personal data.
Registrars and the person themselves are asked too: they do see the record, which shows the probe can see a leak."""

from __future__ import annotations

from django.conf import settings
from django.forms.models import model_to_dict
from security.sweep import SECRET_TEXTS, routes, routes_for

PROBED = [None, "artisan", "organization_editor", "organiser", "curator", "analyst"]
# (role, record, address) a role's rules let it read, though the record is not its own; None: everyone.
ALLOWED = {
    (None, "organization", "public:organization"),  # their guild is published
    (None, "organization", "api:organization-detail"),
    # Curators keep the whole catalogue, drafts included (rules.can_edit_work).
    ("curator", "work", "admin:works_work_change"),
    ("curator", "work", "admin:works_work_history"),
    ("curator", "work", "admin:works_work_delete"),
    ("curator", "work", "api:work-detail"),
    ("curator", "work", "api:work-publish"),
    ("curator", "work", "api:work-withdraw"),
    ("curator", "work", "api:work-images"),
    # Read-only views of the registry, without personal data (checked below).
    ("curator", "person", "admin:people_person_change"),
    ("analyst", "person", "admin:people_person_change"),
    ("analyst", "organization", "admin:organizations_organization_change"),
    ("analyst", "grant", "admin:support_grant_change"),
    ("analyst", "grant_report", "admin:support_grantreport_change"),
}
REFUSALS = {403, 404, 405}


def _records(city) -> dict:
    theirs = dict(city.theirs)
    theirs["membership"] = city.theirs["person"].memberships.get()
    theirs["call"] = city.theirs["event"].call
    return theirs


# A body each write would accept, so the answer is about whose record it is and not about the body.
BODIES = {"api:application-scores": {"scores": {"1": 5}}, "api:event-declare": {"application": 1, "reason": "x"}}


def _ask(client, route, url):
    method = route.methods[0]
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, BODIES.get(route.name, {}), content_type="application/json")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def _is_refusal(response) -> bool:
    if response.status_code in REFUSALS:
        return True
    if response.status_code == 302:
        target = response["Location"]
        # To sign in; to the back office's start page (a record it hides); to /me/ without a profile of one's own.
        return "/login/" in target or target.rstrip("/").endswith(("/admin", "/me", "/me/claim"))
    return False


def _state(records) -> dict:
    return {key: model_to_dict(type(obj)._base_manager.get(pk=obj.pk)) for key, obj in records.items()}


def test_every_object_url_refuses_someone_elses_records_to_every_role(city, client):
    records = _records(city)
    probed_routes = {key: routes_for(obj._meta.label) for key, obj in records.items()}
    assert sum(map(len, probed_routes.values())) >= 50, "admin, public, /me/, IIIF and API addresses"
    before = _state(records)
    wrong, leaks, asked = [], [], 0
    for role in PROBED:
        client.logout()
        if role:
            client.force_login(city.users[role])
        for key, obj in records.items():
            for route in probed_routes[key]:
                allowed = (None, key, route.name) in ALLOWED or (role, key, route.name) in ALLOWED
                if allowed and route.methods[0] != "get":
                    continue  # a write the role may make: not asked, so the records stay as they were
                response, body = _ask(client, route, route.url(obj))
                asked += 1
                if not allowed and not _is_refusal(response):
                    wrong.append((role or "visitor", key, route.name, response.status_code, response.get("Location")))
                found = [text for text in SECRET_TEXTS if text.encode() in body]
                if found:
                    leaks.append((role or "visitor", key, route.name, found))
    assert not wrong, f"answered someone else's record: {wrong}"
    assert not leaks, f"personal data in the answer: {leaks}"
    assert _state(records) == before, "a refused request changed a record"
    assert asked > 300

    # The same probe sees what it looks for: the registrar and the person themselves read the record.
    for role in ("registrar", "victim"):
        client.force_login(city.users[role])
        route = next(r for r in probed_routes["person"] if r.name == "admin:people_person_change")
        response, body = _ask(client, route, route.url(records["person"]))
        assert response.status_code == 200 and all(text.encode() in body for text in SECRET_TEXTS[:3])
    client.force_login(city.users["victim"])
    route = next(r for r in probed_routes["application"] if r.name == "me:application-file")
    assert _ask(client, route, route.url(records["application"]))[0].status_code == 200


def test_each_role_still_opens_its_own_records(city, client):
    """The refusals above are about whose record it is: the same addresses open the role's own ones."""
    own = {
        "artisan": ("me:work-edit", city.mine["artisan"]),
        "organization_editor": ("me:organization", city.mine["organization_editor"]),
        "organiser": ("admin:events_event_change", city.mine["organiser"]),
    }
    by_name = {route.name: route for route in routes()}
    for role, (name, obj) in own.items():
        client.force_login(city.users[role])
        response, _body = _ask(client, by_name[name], by_name[name].url(obj))
        assert response.status_code == 200, (role, name)


def test_private_files_are_stored_outside_the_served_media_folder(city):
    """The web server serves MEDIA_ROOT as it is; originals, attachments, reports and dossiers live elsewhere (a
    dossier build was stored under MEDIA_ROOT with a name anyone could guess: dossier-wcc-<date>-en-<n>.pdf)."""
    import datetime as dt
    from pathlib import Path

    from craftcity.dossier.services import dossier_build_request

    build = dossier_build_request(actor=city.users["analyst"], as_of=dt.date.today(), template="wcc", language="en")
    build.refresh_from_db()
    assert build.status == "done"
    media = Path(settings.MEDIA_ROOT).resolve()
    files = [
        city.theirs["image"].original,
        city.theirs["image"].web,
        city.theirs["application"].attachment,
        city.theirs["grant_report"].file,
        build.pdf,
        build.annexes,
    ]
    for file in files:
        assert file and Path(file.path).is_file()
        assert not Path(file.path).resolve().is_relative_to(media), file.name
