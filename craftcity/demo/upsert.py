"""Create-if-missing for loaders of shipped data (reference tables and the seed facts).

Shipped data is keyed (a code, a slug) and loading it twice changes nothing. A record that already
exists is only completed: empty fields and missing languages are filled in, while anything staff have
typed is left alone, so re-running a loader never reverts a correction made in the back office.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models


def fill_missing(obj: models.Model, values: dict) -> bool:
    """Set the fields that are empty on `obj`; translated fields gain only missing languages. True if changed."""
    changed = False
    for key, value in values.items():
        current = getattr(obj, key)
        if isinstance(value, dict):
            merged = dict(current or {})
            for code, text in value.items():
                if text and not merged.get(code):
                    merged[code] = text
            if merged != dict(current or {}):
                setattr(obj, key, merged)
                changed = True
        elif current in (None, "") and value not in (None, ""):
            setattr(obj, key, value)
            changed = True
    return changed


def bump(stats: dict, key: str, by: int = 1) -> None:
    stats[key] = stats.get(key, 0) + by


def upsert_missing(
    model: type[models.Model], lookup: dict, values: dict, stats: dict, *, match: Callable | None = None
) -> models.Model:
    """Find the record by `lookup` (and `match`, a test on candidates), create it or fill in what it lacks.

    `match` exists because key lookups into translated fields (``name__en="Almaty"``) do not work: the
    field prepares the right-hand side as a translated value. Candidates are few, so Python filters them.
    """
    candidates = model._default_manager.filter(**lookup)
    obj = next((c for c in candidates if match(c)), None) if match else candidates.first()
    label = model._meta.label_lower
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        bump(stats, f"{label}.created")
    elif fill_missing(obj, values):
        obj.full_clean()
        obj.save()
        bump(stats, f"{label}.updated")
    return obj
