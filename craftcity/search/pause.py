"""Bulk writers (benchmark generators, large deletions) pause per-record indexing and rebuild after."""

import contextvars
from contextlib import contextmanager

_paused = contextvars.ContextVar("craftcity_search_paused", default=False)


def indexing_is_paused() -> bool:
    return _paused.get()


@contextmanager
def indexing_paused():
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)
