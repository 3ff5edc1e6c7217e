"""Who is changing things, and in which batch: set once around a unit of work."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from .models import ChangeBatch

_batch: contextvars.ContextVar[ChangeBatch | None] = contextvars.ContextVar("craftcity_batch", default=None)
_user = contextvars.ContextVar("craftcity_user", default=None)


def current_batch() -> ChangeBatch | None:
    return _batch.get()


def current_user():
    return _user.get()


@contextmanager
def change_batch(*, user=None, label: str = "", kind: str = ChangeBatch.Kind.EDIT, reuse: bool = True):
    """Group every change made inside into one batch. Nested calls join the outer batch."""
    outer = _batch.get()
    if outer is not None and reuse:
        yield outer
        return
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    batch = ChangeBatch.objects.create(kind=kind, label=label[:300], user=user)
    batch_token = _batch.set(batch)
    user_token = _user.set(user)
    try:
        yield batch
    finally:
        _batch.reset(batch_token)
        _user.reset(user_token)
