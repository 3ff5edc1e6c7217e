"""Large deletions with their history: one INSERT per thousand "-" rows, not one per deleted record."""

from __future__ import annotations

import contextvars
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db import models
from django.utils import timezone

from craftcity.core.bulk import TableWriter, fast_path
from craftcity.core.scoped import collected

from .context import current_batch, current_user

_deferred: contextvars.ContextVar[list | None] = contextvars.ContextVar("craftcity_deferred_history", default=None)
_shapes: dict[type, tuple[type, list[str], set[str]]] = {}


def _shape(records, model) -> tuple[type, list[str], set[str]]:
    """The historical model, the tracked attnames of `model` and which of them are files (history keeps their
    names), worked out once per model: simple-history builds a manager class on every access."""
    if model not in _shapes:
        historical = getattr(model, records.manager_name).model
        fields = records.fields_included(model)
        files = {field.attname for field in fields if isinstance(field, models.FileField)}
        _shapes[model] = historical, [field.attname for field in fields], files
    return _shapes[model]


def defer_deletion_record(records, instance) -> bool:
    """Keep the deletion of `instance` for the bulk write, when one is under way; False when none is."""
    pending = _deferred.get()
    if pending is None or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return False
    # Read now: the deletion sets the instance's primary key to None once its signals are sent.
    historical, attnames, files = _shape(records, type(instance))
    attrs = {name: getattr(instance, name) for name in attnames}
    for name in files:
        attrs[name] = attrs[name].name or ""
    pending.append((historical, attrs))
    return True


@contextmanager
def deletions_recorded(*, chunk: int = 2000):
    """Deletions made inside write their history rows at the end, in bulk, in the current change batch.

    Rows carry what simple-history's own post_delete would write (every tracked field, date, user, batch);
    the many-to-many snapshot of a deleted record is not kept, as nothing reads the links of a "-" row."""
    with collected(_deferred) as pending:
        yield
    now, batch, user = timezone.now(), current_batch(), current_user()
    by_history_model = defaultdict(list)
    for historical, attrs in pending:
        attrs.update(
            history_date=now, history_type="-", history_change_reason=None,
            history_user_id=user.pk if user is not None else None, batch_id=batch.pk if batch is not None else None,
        )  # fmt: skip
        by_history_model[historical].append(attrs)
    for historical, rows in by_history_model.items():
        if fast_path():
            writer = TableWriter(historical)
            for row, history_id in zip(rows, writer.reserve_ids(len(rows)), strict=True):
                row["history_id"] = history_id
        else:
            writer = TableWriter(historical, with_pk=False)  # ids from the table's own sequence
        writer.insert(rows, batch_size=chunk)
