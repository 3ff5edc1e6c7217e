"""Undo a whole batch of changes (an edit, an import, a merge) back to the exact state before it."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

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


def _cascade_conflicts(batch: ChangeBatch, touched: list[_Touched]) -> list[str]:
    """Records added later that point at something this batch created: deleting it would take them along."""
    ours = {(item.model._meta.label, str(item.pk)) for item in touched}
    problems = []
    for item in touched:
        if item.first.history_type != "+":
            continue
        obj = item.model._default_manager.filter(pk=item.pk).first()
        if obj is None:
            continue
        collector = Collector(using=router.db_for_write(item.model))
        collector.collect([obj])
        for model, instances in collector.data.items():
            for instance in instances:
                if (model._meta.label, str(instance.pk)) not in ours and not model.__name__.startswith("Historical"):
                    problems.append(
                        _("%(object)s was added later and depends on this change; undo or remove it first.")
                        % {"object": f"{model._meta.verbose_name} #{instance.pk}"}
                    )
    return problems


def batch_conflicts(batch: ChangeBatch) -> list[str]:
    """Objects changed by a later batch, or added later on top of this one: undoing would lose that work."""
    touched = _touched(batch)
    problems = _cascade_conflicts(batch, touched)
    for item in touched:
        history = item.model.history.model.objects
        later = history.filter(
            **{item.model._meta.pk.attname: item.pk}, history_date__gt=item.last.history_date
        ).exclude(batch=batch)
        row = later.order_by("history_date").first()
        if row is not None:
            problems.append(
                _("%(object)s was changed again on %(date)s; undo that change first.")
                % {
                    "object": f"{item.model._meta.verbose_name} #{item.pk}",
                    "date": f"{row.history_date:%Y-%m-%d %H:%M}",
                }
            )
    return problems


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


@transaction.atomic
def batch_undo(*, actor=None, batch: ChangeBatch) -> ChangeBatch:
    """Put every object the batch touched back as it was before the batch; the undo is a batch too."""
    if actor is not None and not (actor.is_superuser or actor.has_perm("audit.change_changebatch")):
        raise PermissionDenied(_("You may not undo changes."))
    batch = ChangeBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.undone_at is not None:
        raise ValidationError(_("This batch was already undone."))
    conflicts = batch_conflicts(batch)
    if conflicts:
        raise ValidationError(conflicts)
    touched = _touched(batch)
    with change_batch(
        user=actor, label=_("Undo: %(label)s") % {"label": batch.label}, kind=ChangeBatch.Kind.UNDO, reuse=False
    ) as undo:
        created = [t for t in touched if t.first.history_type == "+"]
        existed = [t for t in touched if t.first.history_type != "+"]
        for item in existed:
            _restore(item)
        # Children before parents, so that protected references do not block the deletions.
        for item in reversed(created):
            item.model._default_manager.filter(pk=item.pk).delete()
        batch.undone_at = timezone.now()
        batch.undone_by = undo
        batch.save(update_fields=["undone_at", "undone_by"])
    return undo
