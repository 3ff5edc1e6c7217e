"""Stored public pages, and when they go stale.

A stored page is keyed by two versions: the registry's, which every change to a record that many pages
show bumps (a craft's name, an organization, a region), and its subject's own, which changes to records
only a few pages show bump for just those pages (a person's names, their works, a master–apprentice link).
Which pages a record shows on is declared by the interface that draws them (`register_page_scope`); a
record without a declared scope, or one whose scope cannot be told, bumps the registry version.

One record can show on pages of several kinds (an event on its own page, its people's pages and the calendar
feed): each interface registers its own scope for the model, and a scope may name pages of several kinds at
once; a change makes all of them stale. Records that show on no registry page but on a few pages of their own
(an event's applications, its call) are watched only through their scopes: saving them never bumps the
registry version nor the summary pages, so a day of enrolments keeps every other stored page.
"""

import contextvars
import functools
import hashlib
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .scoped import collected

VERSION_KEY = "craftcity:registry-version"
REGISTRY_APPS = {"people", "organizations", "lineage", "awards", "places", "taxonomy", "geo"}
# Single models of apps whose other records change all day and show on no registry page (applications,
# scores, images): the works, events and published grants a person's page lists. Whole apps here would
# empty the cache at every enrolment or jury score.
REGISTRY_MODELS = {
    "works.work", "works.workmaker", "events.event", "events.participant", "support.programme", "support.grant",
}  # fmt: skip


def new_version() -> str:
    """A fresh version. Versions are never counted up: a cache that drops a counter (a full file cache
    culls entries) would count again from the start and bring back pages stored under the old numbers."""
    return uuid.uuid4().hex[:16]


def _version(key: str) -> str:
    version = cache.get(key)
    if version is None:
        cache.add(key, new_version(), timeout=None)
        version = cache.get(key)
    return version


def registry_version() -> str:
    return _version(VERSION_KEY)


def _bump() -> None:
    cache.set(VERSION_KEY, new_version(), timeout=None)


def registry_changed() -> None:
    """Call after any write that pages show (signals do it for ordinary saves; bulk writers call it).

    Bumped now and again at commit: a page rendered by another request between the two, from the
    not-yet-committed state's predecessor, is made stale by the second bump."""
    _bump()
    transaction.on_commit(_bump)


# What a page is rendered with besides the records: the code, templates and translations of this package, and
# the names of the collected static files (hashed, so a new stylesheet is a new name).
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json"}


@functools.cache
def release() -> str:
    """A fingerprint of the code this process serves pages with: part of every stored page's version, so a
    deployment that changes a template, a translation or a stylesheet never serves pages rendered by the old
    release (nor their links to static files the new collectstatic no longer has). The same files give the same
    fingerprint on every machine, so web servers of one release share their stored pages. Read once a process."""
    from django.conf import settings

    digest = hashlib.blake2b(digest_size=8)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in RELEASE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


def _page_key(kind: str, pk) -> str:
    return f"craftcity:page-version:{kind}:{pk}"


def page_version(kind: str, pk) -> str:
    """The registry's version and this page's own, as one: a page stored under it is current."""
    return stored_lookup(None, kind, pk)[0]


def stored_lookup(key: str | None, kind: str, pk, *also: tuple[str, object]) -> tuple[str, object | None]:
    """The current version of the page (kind, pk), and what is stored under `key` if it was stored at that
    version (else None), in one round trip to the cache: on a festival day most requests are answered from
    the store, and each round trip to a shared cache costs as much as the rest of such a request.

    `also` names more (kind, pk) versions the page is made of (an event's page also shows the calendar
    around it: `("calendar", "all")`); a change to any of them makes it stale."""
    owns = [_page_key(kind, pk), *(_page_key(*scope) for scope in also)]
    found = cache.get_many([VERSION_KEY, *owns, key] if key else [VERSION_KEY, *owns])
    registry = found.get(VERSION_KEY) or registry_version()
    parts = [release(), registry, *(found.get(own) or _version(own) for own in owns)]
    version = ".".join(parts)
    entry = found.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version:
        return version, entry[1]
    return version, None


def stored_keep(key: str, version: str, value, *, timeout: int) -> None:
    """Store `value` as rendered at `version` (read before rendering): a change made meanwhile bumps the
    version, so what was rendered from the old state is never served as current."""
    cache.set(key, (version, value), timeout=timeout)


# Pages of figures over the whole registry (the home page's counts) go stale with any record, registry-wide or
# not: `page_version(*SUMMARY)` is their version.
SUMMARY = ("summary", "all")


def _bump_pages(pages: dict[str, list], *, summary: bool) -> None:
    versions = {_page_key(kind, pk): new_version() for kind, pks in pages.items() for pk in pks}
    if summary:
        versions[_page_key(*SUMMARY)] = new_version()
    cache.set_many(versions, timeout=None)


def pages_changed(kind: str, pks, *, summary: bool = True) -> None:
    """These subjects' pages are stale; now and again at commit, as for `registry_changed`. `summary`: the
    change also shows in the registry's figures (false for records no count is made of, like applications)."""
    _kinds_changed({kind: pks}, summary=summary)


def _kinds_changed(pages: dict[str, object], *, summary: bool) -> None:
    pages = {kind: sorted(set(pks), key=str) for kind, pks in pages.items()}
    pages = {kind: pks for kind, pks in pages.items() if pks}
    if pages:
        _bump_pages(pages, summary=summary)
        transaction.on_commit(lambda: _bump_pages(pages, summary=summary))


# model label -> the scopes registered for it: (sender, signal kwargs) -> (page kind, subject pks), a list of
# such pairs, or None when it cannot be told
_scopes: dict[str, list[Callable]] = {}


def register_page_scope(label: str, scope: Callable) -> None:
    """Declare which pages show a model's records, so that a change to one makes only those stale.

    `scope(sender, kwargs)` gets the model and the signal's arguments (`instance`, or a many-to-many change's
    `action`, `model`, `pk_set`) and answers the pages that show the record: `(kind, pks)`, a list of such
    pairs for pages of several kinds, or None when it cannot tell (then the registry's version is bumped).
    Several interfaces may register scopes for the same model, each for the pages it draws: a change makes
    the pages all of them name stale. A model that is not a registry model (see `is_registry_model`) is
    watched from its first registration on, and only through its scopes."""
    from django.apps import apps

    _scopes.setdefault(label.lower(), [])
    if scope not in _scopes[label.lower()]:
        _scopes[label.lower()].append(scope)
    watch(apps.get_model(label))


def watch(model) -> None:
    """Tell `on_model_change` of every save, delete and link change of `model`'s rows. Per model, never
    globally: a receiver without a sender turns off Django's fast bulk deletes."""
    # An explicit through model (WorkMaker) written by `work.makers.add()` sends m2m_changed, not post_save.
    signals = (m2m_changed,) if model._meta.auto_created else (post_save, post_delete, m2m_changed)
    for signal in signals:
        signal.connect(on_model_change, sender=model, dispatch_uid=f"registry-version-{model._meta.label}-{id(signal)}")


def is_registry_model(model) -> bool:
    """Whether saving or deleting a row of `model` changes what registry pages show."""
    meta = getattr(model, "_meta", None)
    if meta is None or model.__name__.startswith("Historical"):
        return False
    return meta.app_label in REGISTRY_APPS or meta.label_lower in REGISTRY_MODELS


_held: contextvars.ContextVar[list | None] = contextvars.ContextVar("craftcity_pages_held", default=None)


@contextmanager
def page_changes_held():
    """Changes made inside make the stored pages stale once, at the end, by the registry's version: a bulk
    writer's thousands of rows would otherwise work out and bump each page (a cache write) once per row."""
    with collected(_held) as held:
        yield
    if held:
        registry_changed()


def on_model_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    registry = is_registry_model(sender)
    scopes = _scopes.get(sender._meta.label_lower, [])
    if not registry and not scopes:
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # a many-to-many change is told again when done
    held = _held.get()
    if held is not None:
        held[:] = [True]
        return
    pages: dict[str, set] = {}
    for scope in scopes:
        answer = scope(sender, kwargs)
        if answer is None:
            pages = None
            break
        for kind, pks in [answer] if isinstance(answer, tuple) else answer:
            pages.setdefault(kind, set()).update(pks)
    if not scopes or pages is None:
        registry_changed()
    else:
        _kinds_changed(pages, summary=registry)
