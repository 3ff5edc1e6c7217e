"""Undo a whole batch of changes (an edit, an import, a merge) back to the exact state before it."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_undo_changes
from craftcity.core.cache import page_changes_held

from .bulk import deletions_recorded
from .context import change_batch
from .models import ChangeBatch


@dataclass
class _Touched:
    model: type[models.Model]
    pk: object
    first: object  # the earliest historical row of this object in the batch
    last: object


def tracked_models() -> list[type[models.Model]]:
    """Models whose changes are recorded, ordered so that a model comes after those it points to."""
    found = []
    for model in apps.get_models():
        manager = getattr(model, "_meta", None) and getattr(model, "history", None)
        if manager is not None and hasattr(manager, "model") and hasattr(manager.model, "batch"):
            found.append(model)
    order, placed = [], set()

    def place(model, trail=()):
        if model in placed or model in trail:
            return
        for field in model._meta.fields:
            target = getattr(field, "related_model", None)
            if target is not None and target is not model and target in found:
                place(target, (*trail, model))
        placed.add(model)
        order.append(model)

    for model in found:
        place(model)
    return order


def _touched(batch: ChangeBatch) -> list[_Touched]:
    result = []
    for model in tracked_models():
        rows = list(model.history.model.objects.filter(batch=batch).order_by("history_date", "history_id"))
        by_pk: dict[object, _Touched] = {}
        pk_name = model._meta.pk.attname
        for row in rows:
            pk = getattr(row, pk_name)
            if pk in by_pk:
                by_pk[pk].last = row
            else:
                by_pk[pk] = _Touched(model, pk, row, row)
        result.extend(by_pk.values())
    return result


CHUNK = 900  # primary keys per IN (...): within every database's limit on query parameters


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _by_model(touched: list[_Touched]) -> dict[type[models.Model], list[_Touched]]:
    grouped: dict[type[models.Model], list[_Touched]] = {}
    for item in touched:
        grouped.setdefault(item.model, []).append(item)
    return grouped


def _collect_created(touched: list[_Touched]) -> Collector | None:
    """One deletion collector over everything the batch created, children before parents."""
    created = [item for item in touched if item.first.history_type == "+"]
    if not created:
        return None
    collector = Collector(using=router.db_for_write(created[0].model))
    for model, items in reversed(list(_by_model(created).items())):
        for pks in _chunks([item.pk for item in items]):
            objects = list(model._default_manager.filter(pk__in=pks))
            if objects:
                collector.collect(objects)
    return collector


def _cascade_conflicts(touched: list[_Touched], collector: Collector | None) -> list[str]:
    """Records added later that point at something this batch created: deleting it would take them along."""
    if collector is None:
        return []
    ours = {(item.model._meta.label, str(item.pk)) for item in touched}
    problems = []
    for model, instances in collector.data.items():
        if model.__name__.startswith("Historical"):
            continue
        for instance in instances:
            if (model._meta.label, str(instance.pk)) not in ours:
                problems.append(
                    _("%(object)s was added later and depends on this change; undo or remove it first.")
                    % {"object": f"{model._meta.verbose_name} #{instance.pk}"}
                )
    return problems


def _later_changes(batch: ChangeBatch, touched: list[_Touched]) -> list[str]:
    """Objects a later batch changed: one query per model and thousand objects, not one per object."""
    problems = []
    for model, items in _by_model(touched).items():
        pk_name = model._meta.pk.attname
        last = {item.pk: item.last.history_date for item in items}
        reported = set()
        for pks in _chunks(list(last)):
            rows = (
                model.history.model.objects.filter(
                    **{f"{pk_name}__in": pks}, history_date__gt=min(last[pk] for pk in pks)
                )
                .exclude(batch=batch)
                .order_by("history_date")
                .values_list(pk_name, "history_date")
            )
            for pk, date in rows:
                if date > last[pk] and pk not in reported:
                    reported.add(pk)
                    when = formats.date_format(timezone.localtime(date), "DATETIME_FORMAT")
                    problems.append(
                        _("%(object)s was changed again on %(date)s; undo that change first.")
                        % {"object": f"{model._meta.verbose_name} #{pk}", "date": when}
                    )
    return problems


def batch_conflicts(batch: ChangeBatch) -> list[str]:
    """Objects changed by a later batch, or added later on top of this one: undoing would lose that work."""
    touched = _touched(batch)
    return _cascade_conflicts(touched, _collect_created(touched)) + _later_changes(batch, touched)


def _m2m_fields(model) -> list[str]:
    return [field.name for field in getattr(model.history.model, "_history_m2m_fields", [])]


def _restore(item: _Touched) -> None:
    before = item.first.prev_record
    if before is None:
        return
    instance = before.instance
    instance.save()
    for name in _m2m_fields(item.model):
        through_rows = getattr(before, name).all()
        target = item.model._meta.get_field(name).related_model._meta.model_name
        ids = [getattr(row, f"{target}_id") for row in through_rows]
        getattr(instance, name).set(ids)


# Derived state an undo must bring back in step (a dynasty's members follow its relations): each app that
# derives rows from tracked ones registers a function of the undone batch, run inside the undo's batch.
UNDO_FOLLOWERS: list = []


def register_undo_follower(follower) -> None:
    """follower(batch: ChangeBatch) -> None, called after the batch's changes were put back."""
    UNDO_FOLLOWERS.append(follower)


@transaction.atomic
def batch_undo(*, actor=None, batch: ChangeBatch) -> ChangeBatch:
    """Put every object the batch touched back as it was before the batch; the undo is a batch too.

    Set-wise, so that undoing an import of tens of thousands of rows takes about as long as the import:
    conflicts are found with a query per model, what the batch created is deleted by one collector, and its
    history rows, the search index and the stored pages are written once for the whole deletion."""
    if actor is not None and not can_undo_changes(actor):
        raise PermissionDenied(_("You may not undo changes."))
    batch = ChangeBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.undone_at is not None:
        raise ValidationError(_("This batch was already undone."))
    touched = _touched(batch)
    collector = _collect_created(touched)
    conflicts = _cascade_conflicts(touched, collector) + _later_changes(batch, touched)
    if conflicts:
        raise ValidationError(conflicts)
    restored = [item for item in touched if item.first.history_type != "+"]
    with change_batch(
        user=actor, label=_("Undo: %(label)s") % {"label": batch.label}, kind=ChangeBatch.Kind.UNDO, reuse=False
    ) as undo:
        for item in restored:
            _restore(item)
        if restored:  # collected again: the restores may have let go of what the batch created
            collector = _collect_created(touched)
        if collector is not None:
            with page_changes_held(), deletions_recorded():
                collector.delete()
        for follower in UNDO_FOLLOWERS:
            follower(batch)
        batch.undone_at = timezone.now()
        batch.undone_by = undo
        batch.save(update_fields=["undone_at", "undone_by"])
    return undo
