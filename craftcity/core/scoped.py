"""Collecting what happens inside a block, per thread and task, for writers that act once at its end."""

import contextvars
from contextlib import contextmanager


@contextmanager
def collected(variable: contextvars.ContextVar):
    """Set `variable` to a fresh list for the block and yield it; it is reset however the block ends."""
    items: list = []
    token = variable.set(items)
    try:
        yield items
    finally:
        variable.reset(token)
