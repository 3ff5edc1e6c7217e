"""Delete every record marked is_demo — and only those — children before parents.

Real records stay: the seed people and organizations from the articles are not demo data. A real
dynasty that had demo people attached is recomputed from the relations that remain.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.test.utils import override_settings

from craftcity.awards.models import Award, AwardProgramme
from craftcity.core.cache import registry_changed
from craftcity.core.pictures import forget
from craftcity.dossier.models import ReportingObligation
from craftcity.dossier.services import obligation_reopen
from craftcity.events.models import Competition, Event, EventSeries, Participant
from craftcity.geo.models import Locality
from craftcity.lineage.models import Dynasty, Relation
from craftcity.lineage.services import dynasty_recompute
from craftcity.music.models import EnsembleMember, MusicalWork, Performance, Recording
from craftcity.organizations.models import Organization
from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.search.pause import indexing_paused
from craftcity.search.services import index_rebuild
from craftcity.support.models import Grant, Programme, Residency
from craftcity.tours.models import Tour
from craftcity.works.models import Collection, Exhibition, Work

from .illustrations import demo_picture_files
from .support import DEMO_PROGRAMME_SLUGS
from .upsert import bump

# Deletion order: what points at people and organizations goes first, protected parents last.
DEMO_MODELS = [
    Recording, Performance, MusicalWork, EnsembleMember,
    Residency, Grant, Programme, Exhibition, Work, Collection, Event, EventSeries, Participant, Tour,
    Relation, Dynasty, Award, Place, Person, Organization, Locality,
]  # fmt: skip


def demo_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.filter(is_demo=True).count() for model in DEMO_MODELS}


@contextmanager
def quiet_bulk_work():
    """No per-row history, for work on tens of thousands of rows (dynasties are recomputed by the caller)."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False), indexing_paused():
        yield
    index_rebuild()  # one pass instead of one reindex per deleted row
    registry_changed()


def _delete_in_chunks(queryset, stats: dict, label: str, chunk: int) -> None:
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:chunk])
        if not ids:
            return
        queryset.model._default_manager.filter(pk__in=ids).delete()
        bump(stats, f"{label}.deleted", len(ids))


def remove_demo(*, stats: dict, with_history: bool = True, chunk: int = 2000, progress=print) -> None:
    """Delete the demo rows. `with_history=False` skips per-row history (for benchmark-sized registries)."""
    demo_people = Person.objects.filter(is_demo=True)
    real_dynasties = list(
        Dynasty.objects.filter(is_demo=False, members__person__is_demo=True).distinct().values_list("pk", flat=True)
    )
    # Programmes that published a demo competition's winners: not marked themselves, they go with it if
    # nothing real refers to them once the demo is gone.
    demo_programmes = set(
        Competition.objects.filter(event__is_demo=True, award_programme__isnull=False).values_list(
            "award_programme_id", flat=True
        )
    )
    titles = set(AwardProgramme.objects.filter(slug__in=DEMO_PROGRAMME_SLUGS).values_list("pk", flat=True))
    blocked = Dynasty.objects.filter(is_demo=False, founder__is_demo=True)
    if blocked.exists():
        raise RuntimeError(f"Real dynasties have demo founders: {', '.join(blocked.values_list('slug', flat=True))}")

    def run():
        # The demo's drawn illustrations are files: they go with their records, once the deletion is committed
        # (a dry run rolls back, and must leave them), with every size the image service made of them.
        files = demo_picture_files()
        files += [(r.file.storage, r.file.name) for r in Recording.objects.filter(is_demo=True) if r.file]
        transaction.on_commit(lambda: [forget(storage, name) for storage, name in files])
        for model in DEMO_MODELS:
            label = model._meta.label_lower
            if model is Organization:
                # children first: an organization protects its parent
                while Organization.objects.filter(is_demo=True).exists():
                    leaves = Organization.objects.filter(is_demo=True).exclude(children__isnull=False)
                    if not leaves.exists():
                        raise RuntimeError("Demo organizations are parents of real ones; move those first.")
                    _delete_in_chunks(leaves, stats, label, chunk)
            elif model is Person:
                _delete_in_chunks(demo_people, stats, label, chunk)
                # The demo titles' programmes go before the demo bodies that award them.
                demo_titles = AwardProgramme.objects.filter(pk__in=titles, awards__isnull=True)
                _delete_in_chunks(demo_titles, stats, AwardProgramme._meta.label_lower, chunk)
            else:
                _delete_in_chunks(model._default_manager.filter(is_demo=True), stats, label, chunk)
            if stats.get(f"{label}.deleted"):
                progress(f"  {label}: {stats[f'{label}.deleted']} deleted")
        for dynasty in Dynasty.objects.filter(pk__in=real_dynasties):
            dynasty_recompute(dynasty)
        # Demo submissions of real reports are undone: the report is due again.
        for obligation in ReportingObligation.objects.filter(is_demo=True):
            obligation_reopen(obligation=obligation)
            bump(stats, "dossier.reportingobligation.reopened")
        unused = AwardProgramme.objects.filter(
            pk__in=demo_programmes | titles, awards__isnull=True, competitions__isnull=True
        )
        _delete_in_chunks(unused, stats, AwardProgramme._meta.label_lower, chunk)

    if with_history:
        run()
    else:
        with quiet_bulk_work():
            run()
