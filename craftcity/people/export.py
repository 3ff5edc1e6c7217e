"""Everything the registry holds about one account and its person (a data subject's copy): personal fields
whatever their consent, name forms, memberships, relations, credits, applications, claims and the history of
changes to the person's record (who and when)."""

from __future__ import annotations

from django.utils import timezone


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def person_data(user) -> dict:
    from craftcity.events.models import Application
    from craftcity.lineage.models import Relation
    from craftcity.organizations.models import Membership
    from craftcity.works.models import WorkMaker

    from .models import ProfileClaim

    data = {
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "account": {"email": user.email, "date_joined": _iso(user.date_joined), "last_login": _iso(user.last_login)},
        "claims": [
            {
                "person": c.person_id,
                "status": c.status,
                "message": c.message,
                "reason": c.reason,
                "asked_at": _iso(c.created_at),
                "decided_at": _iso(c.decided_at),
            }
            for c in ProfileClaim.objects.filter(user=user).order_by("created_at")
        ],
    }
    person = getattr(user, "person", None)
    if person is None:
        return data
    fields = ["occupation", "gender", "birth_year", "death_year", "status", "verification", "website", "phone",
              "is_phone_public", "email", "is_email_public", "address", "is_address_public", "birth_date",
              "is_birth_date_public", "consent_recorded_at", "created_at", "updated_at"]  # fmt: skip
    data["person"] = {
        "id": person.pk,
        **{name: _iso(getattr(person, name)) for name in fields},
        "biography": dict(person.biography or {}),
        "photo": person.photo.name if person.photo else "",
        "region": str(person.region) if person.region_id else "",
        "locality": str(person.locality) if person.locality_id else "",
        "names": list(person.names.values("full_name", "form", "language", "is_primary", "is_derived")),
        "disciplines": list(person.disciplines.values_list("slug", flat=True)),
        "techniques": list(person.techniques.values_list("slug", flat=True)),
        "materials": list(person.materials.values_list("slug", flat=True)),
    }
    data["memberships"] = list(
        Membership.objects.filter(person=person).values("organization__slug", "role", "start_year", "end_year")
    )
    data["relations"] = [
        {"kind": r.kind, "master": r.senior_id, "apprentice": r.junior_id}
        for r in Relation.objects.filter(senior=person) | Relation.objects.filter(junior=person)
    ]
    data["works"] = [
        {"work": w.work_id, "title": dict(w.work.title or {}), "role": w.role, "status": w.work.status}
        for w in WorkMaker.objects.filter(person=person).select_related("work")
    ]
    data["applications"] = [
        {"event": a.call.event.slug, "status": a.status, "stage": a.stage, "answers": a.answers,
         "attachment": a.attachment.name if a.attachment else "", "sent_at": _iso(a.created_at)}
        for a in Application.objects.filter(person=person).select_related("call__event")
    ]  # fmt: skip
    data["history"] = [
        {"when": _iso(h.history_date), "by": str(h.history_user or ""), "change": h.get_history_type_display()}
        for h in person.history.select_related("history_user").order_by("history_date")
    ]
    return data
