"""Rendered public fragments are cached under a registry version that every change bumps.

One counter is simpler and safer than tracking which page shows which record: any change to the
registry makes every cached fragment stale at once, and fragments are cheap to render again.
"""

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "craftcity:registry-version"
REGISTRY_APPS = {"people", "organizations", "lineage", "awards", "places", "taxonomy", "geo"}


def registry_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def registry_changed() -> None:
    """Call after any write that pages show (signals do it for ordinary saves; bulk writers call it).

    Bumped now and again at commit: a page rendered by another request between the two, from the
    not-yet-committed state's predecessor, is made stale by the second bump."""
    _bump()
    transaction.on_commit(_bump)


def on_model_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    if getattr(getattr(sender, "_meta", None), "app_label", None) in REGISTRY_APPS:
        registry_changed()
