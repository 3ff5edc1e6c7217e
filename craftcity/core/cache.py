"""Rendered public fragments are cached under a registry version that every change bumps.

One counter is simpler and safer than tracking which page shows which record: any change to the
registry makes every cached fragment stale at once, and fragments are cheap to render again.
"""

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "craftcity:registry-version"
REGISTRY_APPS = {"people", "organizations", "lineage", "awards", "places", "taxonomy", "geo"}
# Single models of apps whose other records change all day and show on no registry page (applications,
# scores, images): the works and events a person's page lists. Whole apps here would empty the cache at
# every enrolment or jury score.
REGISTRY_MODELS = {"works.work", "works.workmaker", "events.event", "events.participant"}


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


def is_registry_model(model) -> bool:
    """Whether saving or deleting a row of `model` changes what registry pages show."""
    meta = getattr(model, "_meta", None)
    if meta is None or model.__name__.startswith("Historical"):
        return False
    return meta.app_label in REGISTRY_APPS or meta.label_lower in REGISTRY_MODELS


def on_model_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    if is_registry_model(sender):
        registry_changed()
