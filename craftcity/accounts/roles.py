"""Roles are Django groups with a fixed set of permissions; who may touch which record is in rules.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ARTISAN = "artisan", _("Artisan or musician")
    ORGANIZATION_EDITOR = "organization_editor", _("Organization editor")
    REGISTRAR = "registrar", _("Registrar")
    CURATOR = "curator", _("Curator")
    ORGANISER = "organiser", _("Organiser")
    ANALYST = "analyst", _("Analyst")
    ADMIN = "admin", _("Administrator")


def _crud(model: str, *, add=True, change=True, delete=True) -> list[str]:
    app, name = model.split(".")
    perms = [f"{app}.view_{name}"]
    perms += [f"{app}.add_{name}"] if add else []
    perms += [f"{app}.change_{name}"] if change else []
    perms += [f"{app}.delete_{name}"] if delete else []
    return perms


REGISTRY_MODELS = [
    "people.person",
    "people.personname",
    "organizations.organization",
    "organizations.membership",
    "lineage.relation",
    "lineage.dynasty",
    "awards.award",
    "awards.awardprogramme",
    "places.place",
    "geo.locality",
    "taxonomy.discipline",
    "taxonomy.technique",
    "taxonomy.material",
    "taxonomy.creativefield",
]

SUPPORT_MODELS = ["support.programme", "support.grant", "support.instalment", "support.grantreport",
                  "support.residency"]  # fmt: skip

WORKS_MODELS = [
    "works.work",
    "works.workmaker",
    "works.provenanceevent",
    "works.workimage",
    "works.collection",
    "works.exhibition",
    "works.exhibitionwork",
]

MUSIC_MODELS = ["music.instrument", "music.musicalwork", "music.musicalworkcredit", "music.transmission",
                "music.ensemblemember", "music.performance", "music.recording", "music.caption"]  # fmt: skip

EVENT_MODELS = [
    "events.event",
    "events.eventorganization",
    "events.participant",
    "events.call",
    "events.application",
    "events.competition",
    "events.category",
    "events.criterion",
    "events.juror",
    "events.conflictdeclaration",
    "aitys.aitys",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # Artisans see and change only their own records; rules.py narrows these model permissions.
    Role.ARTISAN: [
        *_crud("people.person", add=False, delete=False),
        *_crud("people.personname"),
        # Their own works and images only (rules.can_edit_work); publishing stays with curators.
        *_crud("works.work", delete=False),
        *_crud("works.workimage"),
    ],
    Role.ORGANIZATION_EDITOR: [
        *_crud("organizations.organization", add=False, delete=False),
        *_crud("organizations.membership"),
        "people.view_person",
    ],
    Role.REGISTRAR: [
        *[p for model in REGISTRY_MODELS for p in _crud(model)],
        "people.edit_any_person",
        "people.view_personal_data",
        "organizations.edit_any_organization",
        # Registrars keep every event in order, whoever organises it; organisers run only their own.
        *[p for model in EVENT_MODELS for p in _crud(model)],
        "events.manage_any_event",
        *_crud("events.eventseries"),  # seasons and series group many organisers' events
        # The city's support programmes: grants awarded, paid and reported on.
        *[p for model in SUPPORT_MODELS for p in _crud(model)],
        "audit.view_changebatch",
        "audit.change_changebatch",
        # Sign-in pauses after repeated wrong passwords (django-axes): see them and lift them.
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
    Role.CURATOR: [
        *_crud("people.person", add=False, change=False, delete=False),
        *_crud("places.place"),
        *[p for model in WORKS_MODELS for p in _crud(model)],
        "works.edit_any_work",
        "works.publish_work",
        # The City of Music half of the catalogue: repertoire, ensembles' members, recordings (music.services).
        *[p for model in MUSIC_MODELS for p in _crud(model)],
        "music.edit_music",
        "music.publish_music",
    ],
    # Organisers run only the events of the organizations they belong to (events.rules.can_manage_event).
    Role.ORGANISER: [
        *_crud("people.person", add=False, change=False, delete=False),
        *_crud("organizations.organization", add=False, change=False, delete=False),
        *_crud("places.place"),
        *[p for model in EVENT_MODELS for p in _crud(model)],
        "awards.view_award",
    ],
    Role.ANALYST: [
        *[f"{model.split('.')[0]}.view_{model.split('.')[1]}" for model in REGISTRY_MODELS],
        # The dossier is the analyst's: obligations to keep, narrative to write, builds to run.
        *_crud("dossier.reportingobligation", add=False, delete=False),
        *_crud("dossier.narrativesection"),
        "dossier.view_dossierbuild",
        "dossier.build_dossier",
        *[f"{model.split('.')[0]}.view_{model.split('.')[1]}" for model in SUPPORT_MODELS],
    ],
}

# Every role but the public visitor works in the back office.
STAFF_ROLES = set(Role)
