"""Finding duplicate people, merging or rejecting them. A merge is one change batch; its undo is that batch's undo."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from craftcity.accounts.rules import is_registrar
from craftcity.audit.context import change_batch
from craftcity.audit.models import ChangeBatch
from craftcity.audit.services import batch_undo
from craftcity.lineage.services import dynasties_recompute_for
from craftcity.people.merging import rows_move
from craftcity.people.models import Person
from recordlink import DEFAULT_THRESHOLD

from .candidates import ScoredPair, score_owners
from .models import DuplicateCandidate
from .selectors import registry_records, related_pairs

Choice = Literal["keep", "absorb"]

# Fields a registrar chooses between when merging; a personal value travels with its consent flag.
MERGE_FIELDS: dict[str, tuple[str, ...]] = {
    "occupation": ("occupation",),
    "gender": ("gender",),
    "birth_year": ("birth_year",),
    "death_year": ("death_year",),
    "country": ("country",),
    "region": ("region",),
    "locality": ("locality",),
    "biography": ("biography",),
    "photo": ("photo", "photo_alt", "photo_width", "photo_height", "is_photo_public"),
    "website": ("website",),
    "verification": ("verification",),
    "status": ("status",),
    "phone": ("phone", "is_phone_public"),
    "email": ("email", "is_email_public"),
    "address": ("address", "is_address_public"),
    "birth_date": ("birth_date", "is_birth_date_public"),
}
CONSENT_FLAGS = set(Person.PERSONAL_FIELDS.values()) | {"is_photo_public"}


def _require_registrar(actor) -> None:
    # actor None is system work (a command or an importer), checked by its caller.
    if actor is not None and not is_registrar(actor):
        raise PermissionDenied(_("Only registrars may review and merge duplicates."))


# --- finding ------------------------------------------------------------------------------------


@dataclass
class FindResult:
    """What a run found and what it did (or, in a dry run, would do) with the queue."""

    created: int = 0
    updated: int = 0
    kept_rejected: int = 0
    skipped_related: int = 0
    pairs: list[ScoredPair] = field(default_factory=list)


# A review queue is read by people: it shows every pair more likely than not to be one person. The
# stricter DEFAULT_THRESHOLD of recordlink is for clustering with no one looking (dedupe_csv).
REVIEW_THRESHOLD = 0.5
# Above this, two records are taken to be one person without asking (an import enriches the known person):
# recordlink's own clustering threshold, at which its precision was measured (docs/benchmarks.md).
LINK_THRESHOLD = DEFAULT_THRESHOLD


@transaction.atomic
def duplicates_find(
    *,
    threshold: float = REVIEW_THRESHOLD,
    person_ids: Iterable[int] | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> FindResult:
    """Score the whole registry and queue the likely duplicates; with `person_ids`, only pairs involving them.

    Rejected pairs stay rejected, and people linked by a lineage relation are never a candidate.
    """
    scored = score_owners(registry_records(), threshold=threshold, progress=progress)
    only = set(person_ids) if person_ids is not None else None
    related = related_pairs()
    existing = {(c.person_a_id, c.person_b_id): c for c in DuplicateCandidate.objects.all()}
    result = FindResult()
    new, changed = [], []
    for pair in scored:
        key = (pair.first, pair.second)
        if only is not None and not ({pair.first, pair.second} & only):
            continue
        if key in related:
            result.skipped_related += 1
            continue
        result.pairs.append(pair)
        cluster_key = f"p{pair.cluster}" if pair.cluster is not None else f"p{pair.first}-{pair.second}"
        candidate = existing.get(key)
        if candidate is None:
            new.append(
                DuplicateCandidate(
                    person_a_id=pair.first,
                    person_b_id=pair.second,
                    match_probability=pair.probability,
                    match_weight=pair.weight,
                    evidence=pair.evidence,
                    cluster_key=cluster_key,
                )
            )
        elif candidate.status == DuplicateCandidate.Status.PENDING:
            candidate.match_probability, candidate.match_weight = pair.probability, pair.weight
            candidate.evidence, candidate.cluster_key = pair.evidence, cluster_key
            changed.append(candidate)
        else:
            result.kept_rejected += 1
    result.created, result.updated = len(new), len(changed)
    if not dry_run:
        DuplicateCandidate.objects.bulk_create(new, batch_size=1000)
        DuplicateCandidate.objects.bulk_update(
            changed, ["match_probability", "match_weight", "evidence", "cluster_key"], batch_size=1000
        )
    return result


@dataclass(frozen=True)
class IncomingMatch:
    """An incoming row that looks like a registry person (`person_id`) or like another row (`other_row`)."""

    row: int
    person_id: int | None
    other_row: int | None
    pair: ScoredPair = field(repr=False, compare=False)

    @property
    def probability(self) -> float:
        return self.pair.probability

    @property
    def weight(self) -> float:
        return self.pair.weight

    @property
    def evidence(self) -> list[dict]:
        """Per field, oriented (incoming row, other)."""
        if self.person_id is None:
            return self.pair.evidence
        # The registry's owners sort before the file's rows: the person came first in the pair.
        return [{**item, "a": item["b"], "b": item["a"]} for item in self.pair.evidence]


def candidates_for(person_rows: Sequence[Mapping[str, object]], *, threshold: float = DEFAULT_THRESHOLD):
    """Rows of an incoming file (recordlink's columns) against the registry and each other; writes nothing."""
    records: list[tuple[tuple[int, int], Mapping]] = [((0, pk), row) for pk, row in registry_records()]
    records += [((1, index), row) for index, row in enumerate(person_rows)]
    matches = []
    for pair in score_owners(records, threshold=threshold, cluster=False):
        (kind_a, a), (kind_b, b) = pair.first, pair.second
        if kind_a == kind_b == 0:
            continue  # two registry people: find_duplicates' business
        if kind_a == 0:
            matches.append(IncomingMatch(b, a, None, pair))
        else:
            matches.append(IncomingMatch(a, None, b, pair))
    return matches


@dataclass(frozen=True)
class QueuedPair:
    """A pair found elsewhere (by an import) to be put before a registrar: the new record first."""

    person_id: int
    other_id: int
    probability: float
    weight: float
    evidence: list[dict]


def candidates_queue(pairs: Iterable[QueuedPair]) -> int:
    """Put pairs scored by the caller into the review queue; pairs already there or related by lineage are
    left as they are. Returns how many were queued."""
    pairs = [pair for pair in pairs if pair.person_id != pair.other_id]
    if not pairs:
        return 0
    ids = {pk for pair in pairs for pk in (pair.person_id, pair.other_id)}
    related = related_pairs(ids)
    existing = set(
        DuplicateCandidate.objects.filter(person_a_id__in=ids, person_b_id__in=ids).values_list(
            "person_a_id", "person_b_id"
        )
    )
    new = {}
    for pair in pairs:
        low, high = sorted((pair.person_id, pair.other_id))
        if (low, high) in related or (low, high) in existing or (low, high) in new:
            continue
        # The evidence is oriented (new record, other); the queue stores it as (first, second).
        evidence = pair.evidence if low == pair.person_id else [{**e, "a": e["b"], "b": e["a"]} for e in pair.evidence]
        new[(low, high)] = DuplicateCandidate(
            person_a_id=low, person_b_id=high, match_probability=pair.probability, match_weight=pair.weight,
            evidence=evidence, cluster_key=f"p{low}-{high}",
        )  # fmt: skip
    DuplicateCandidate.objects.bulk_create(list(new.values()), batch_size=1000)
    return len(new)


# --- deciding -----------------------------------------------------------------------------------


def _locked_pending(candidate: DuplicateCandidate) -> DuplicateCandidate:
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if not candidate.is_pending:
        raise ValidationError(
            _("This pair was already decided (%(status)s by %(user)s on %(date)s); nothing was changed.")
            % {
                "status": candidate.get_status_display(),
                "user": candidate.decided_by or _("the system"),
                "date": formats.date_format(timezone.localtime(candidate.decided_at), "DATETIME_FORMAT")
                if candidate.decided_at
                else "—",
            }
        )
    return candidate


@transaction.atomic
def candidate_reject(*, actor, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """Record that the two are different people; no later run queues the pair again."""
    _require_registrar(actor)
    candidate = _locked_pending(candidate)
    candidate.status = DuplicateCandidate.Status.REJECTED
    candidate.decided_by = actor if actor is not None and actor.is_authenticated else None
    candidate.decided_at = timezone.now()
    candidate.full_clean()
    candidate.save()
    return candidate


def _choose_fields(keep: Person, absorb: Person, field_choices: Mapping[str, Choice]) -> None:
    unknown = set(field_choices) - set(MERGE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields to choose: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    took_consent = False
    for name, columns in MERGE_FIELDS.items():
        choice = field_choices.get(name)
        if choice not in (None, "keep", "absorb"):
            raise ValidationError(_("Choose “keep” or “absorb” for %(field)s.") % {"field": name})
        # Unchosen: the kept record's value, or the other's when the kept one has none (nothing is lost).
        take = choice == "absorb" or (
            choice is None and _is_blank(getattr(keep, name)) and not _is_blank(getattr(absorb, name))
        )
        if take:
            for column in columns:
                setattr(keep, column, getattr(absorb, column))
            took_consent = took_consent or bool(CONSENT_FLAGS & set(columns))
    if (
        took_consent
        and absorb.consent_recorded_at
        and (keep.consent_recorded_at is None or absorb.consent_recorded_at > keep.consent_recorded_at)
    ):
        keep.consent_recorded_at = absorb.consent_recorded_at


def _is_blank(value) -> bool:
    return value is None or value == "" or (hasattr(value, "name") and not value.name) or value == {}


@transaction.atomic
def person_merge(
    *,
    actor,
    keep: Person,
    absorb: Person,
    field_choices: Mapping[str, Choice] | None = None,
    candidate: DuplicateCandidate | None = None,
) -> ChangeBatch:
    """Fold `absorb` into `keep` as one undoable change batch; `absorb` stays, marked merged, for history and URLs.

    Import provenance (imports.PersonSource) stays with the absorbed record it describes: it is not in the
    change history, so moving it could not be undone; whoever reads it follows `merged_into`.
    """
    _require_registrar(actor)
    if keep.pk == absorb.pk:
        raise ValidationError(_("A record cannot be merged with itself."))
    candidate = candidate or DuplicateCandidate.objects.for_pair(keep.pk, absorb.pk).first()
    if candidate is not None:
        if {candidate.person_a_id, candidate.person_b_id} != {keep.pk, absorb.pk}:
            raise ValidationError(_("The candidate is about another pair of records."))
        candidate = _locked_pending(candidate)
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    absorb = Person.objects.select_for_update().get(pk=absorb.pk)
    for person in (keep, absorb):
        if person.merged_into_id is not None:
            raise ValidationError(
                _("%(person)s was already merged into record #%(target)s; nothing was changed.")
                % {"person": person, "target": person.merged_into_id}
            )
    label = f"merge person {absorb.pk} into {keep.pk}"
    with change_batch(user=actor, label=label, kind=ChangeBatch.Kind.MERGE, reuse=False) as batch:
        # The kept record is written first: the undo restores records in the order the batch first touched
        # them, and the kept record must give back a moved user account before the absorbed one takes it.
        _choose_fields(keep, absorb, field_choices or {})
        keep.full_clean()
        keep.save()
        rows_move(keep=keep, absorb=absorb)  # every app moves its own rows (people.merging)
        user_id = absorb.user_id if keep.user_id is None else None
        if user_id is not None:
            absorb.user = None
        absorb.merged_into = keep
        absorb.save()
        if user_id is not None:
            keep.user_id = user_id
            keep.save()
        dynasties_recompute_for([keep.pk, absorb.pk])
    if candidate is not None:
        candidate.status = DuplicateCandidate.Status.ACCEPTED
        candidate.decided_by = actor if actor is not None and actor.is_authenticated else None
        candidate.decided_at = timezone.now()
        candidate.merge_batch = batch
        candidate.save()
    return batch


@transaction.atomic
def person_merge_undo(*, actor, candidate_or_batch: DuplicateCandidate | ChangeBatch) -> ChangeBatch:
    """Undo a merge exactly (the undo of its change batch) and put its candidate back in the queue."""
    _require_registrar(actor)
    if isinstance(candidate_or_batch, DuplicateCandidate):
        candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate_or_batch.pk)
        if candidate.status != DuplicateCandidate.Status.ACCEPTED or candidate.merge_batch_id is None:
            raise ValidationError(_("This pair was not merged, so there is nothing to undo."))
        batch = candidate.merge_batch
    else:
        batch = candidate_or_batch
        candidate = DuplicateCandidate.objects.select_for_update().filter(merge_batch=batch).first()
    if batch.kind != ChangeBatch.Kind.MERGE:
        raise ValidationError(_("This change batch is not a merge."))
    undo = batch_undo(actor=actor, batch=batch)
    if candidate is not None:
        candidate.status = DuplicateCandidate.Status.PENDING
        candidate.decided_by = None
        candidate.decided_at = None
        candidate.merge_batch = None
        candidate.save()
    return undo
