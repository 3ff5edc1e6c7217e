"""Reading a partner's change streams (IIIF Change Discovery 1.0) from where the hub stopped.

The level 1 rule: a stream read before is walked from its `last` page backwards along `prev` until a page
begins before the newest change already applied (`PartnerStream.last_end_time`); those pages are then applied
oldest first, so a harvest that stops half-way has applied a prefix and the next one resumes after it. A
stream never read is walked forward from `first` along `next` (everything is new; the same order).
Every page and activity is checked before anything of it is written; what is wrong stops the city with a
message that says where. Writes go through `services.network_page_apply`."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .client import FetchError, fetch_json
from .documents import DocumentError
from .models import ACTIVITY_TYPES, PartnerStream

ACTIONS = {"Create", "Update", "Delete"}
# Pages kept in memory between the backward walk and applying them; older ones are read again.
PAGES_KEPT = 200


class HarvestError(DocumentError):
    """The city's harvest stops here; the message is the report's error."""


@dataclass
class Activity:
    action: str
    uri: str
    kind: str
    end_time: dt.datetime
    record: dict | None
    see_also: list[str]
    is_gone: bool = False  # its document answered 404/410: the record stopped being public since


def _link(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id") or value.get("@id"), str):
        return value.get("id") or value.get("@id")
    return None


def _see_also(value) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    found = []
    for item in items:
        address = _link(item)
        described = (
            " ".join(str(item.get(key, "")) for key in ("type", "format", "profile")) if isinstance(item, dict) else ""
        )
        # A work's IIIF manifest is listed beside its schema.org document, and is not a record.
        if address and "manifest" not in described.lower() and "iiif" not in described.lower():
            found.append(address)
    return found


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class StreamReader:
    """Walks one stream of one city, handing each page's new activities to `apply(activities)` in order."""

    def __init__(self, stream: PartnerStream, *, origins: set[str], apply: Callable[[list[Activity]], None]):
        self.stream = stream
        self.origins = origins
        # Most URIs start with an origin exactly as written: checked by prefix, without parsing each one.
        self.prefixes = tuple(f"{site}/" for site in origins)
        self.apply = apply
        self.pages = 0
        self.max_pages = int(getattr(settings, "CRAFTCITY_NETWORK_MAX_PAGES", 100_000))
        self.newest: dt.datetime | None = stream.last_end_time
        self.etag = ""
        self.last_modified = ""

    # --- reading ---------------------------------------------------------------------------------------

    def _fetch_in(self, language: str, url: str, seen: set[str]) -> dict:
        with translation.override(language):
            return self._fetch(url, seen)

    def _fetch(self, url: str, seen: set[str]) -> dict:
        if url in seen:
            raise HarvestError(
                _("%(url)s: the pages of %(stream)s loop (this page was already read in this walk).")
                % {"url": url, "stream": self.stream.url}
            )
        seen.add(url)
        self.pages += 1
        if self.pages > self.max_pages:
            raise HarvestError(
                _("%(stream)s: more than %(count)s pages; stopped.")
                % {"stream": self.stream.url, "count": self.max_pages}
            )
        fetched = fetch_json(url)
        return fetched.data

    def _page(self, data, url: str) -> tuple[list[Activity], str | None, str | None]:
        if not isinstance(data, dict) or data.get("type") != "OrderedCollectionPage":
            raise HarvestError(_("%(url)s is not an OrderedCollectionPage.") % {"url": url})
        items = data.get("orderedItems")
        if not isinstance(items, list):
            raise HarvestError(_("%(url)s has no list of orderedItems.") % {"url": url})
        activities = [self._activity(item, url, position) for position, item in enumerate(items, 1)]
        for before, after in itertools.pairwise(activities):
            if after.end_time < before.end_time:
                raise HarvestError(
                    _("%(url)s: the activities are not in time order (newest last), at %(uri)s.")
                    % {"url": url, "uri": after.uri}
                )
        return activities, _link(data.get("prev")), _link(data.get("next"))

    def _activity(self, item, url: str, position: int) -> Activity:
        where = _("%(url)s, activity %(position)s") % {"url": url, "position": position}
        if not isinstance(item, dict):
            raise HarvestError(_("%(where)s is not an object.") % {"where": where})
        action = item.get("type")
        if action not in ACTIONS:
            raise HarvestError(_("%(where)s: unknown activity type “%(type)s”.") % {"where": where, "type": action})
        end_time = parse_datetime(item.get("endTime")) if isinstance(item.get("endTime"), str) else None
        if end_time is None or end_time.tzinfo is None:
            raise HarvestError(_("%(where)s has no endTime with a time zone.") % {"where": where})
        target = item.get("object")
        uri = _link(target)
        if not isinstance(target, dict) or not uri or not uri.startswith(("http://", "https://")):
            raise HarvestError(_("%(where)s: its object has no id (a web address).") % {"where": where})
        kind = ACTIVITY_TYPES.get(target.get("type"))
        if kind != self.stream.kind:
            raise HarvestError(
                _("%(where)s: a “%(type)s” in the stream of %(kind)s.")
                % {"where": where, "type": target.get("type"), "kind": self.stream.get_kind_display()}
            )
        if not uri.startswith(self.prefixes) and origin(uri) not in self.origins:
            raise HarvestError(
                _(
                    "%(where)s: the record %(uri)s is not on the partner's site (%(site)s); "
                    "did the partner change its URIs?"
                )
                % {"where": where, "uri": uri, "site": ", ".join(sorted(self.origins))}
            )
        # The record may travel beside the object (the activity's "record") or inside it (craftcity's streams).
        record = next((r for r in (item.get("record"), target.get("record")) if isinstance(r, dict)), None)
        # Where else the record may be read is only worked out for an activity that came without it.
        see_also = [] if record is not None else _see_also(target.get("seeAlso"))
        return Activity(action, uri, kind, end_time, record, see_also)

    # --- walking ---------------------------------------------------------------------------------------

    def read(self) -> bool:
        """Read what is new; False when the stream says it has not changed (304)."""
        fetched = fetch_json(self.stream.url, etag=self.stream.etag, last_modified=self.stream.last_modified)
        if fetched is None:
            return False
        collection = fetched.data
        if not isinstance(collection, dict) or collection.get("type") != "OrderedCollection":
            raise HarvestError(_("%(url)s is not an OrderedCollection.") % {"url": self.stream.url})
        self.etag, self.last_modified = fetched.etag, fetched.last_modified
        first, last = _link(collection.get("first")), _link(collection.get("last"))
        if not first and not last:
            if collection.get("totalItems") in (0, None):
                return True
            raise HarvestError(_("%(url)s names neither its first nor its last page.") % {"url": self.stream.url})
        if self.stream.last_end_time is None:
            self._forward(first or last)
        else:
            if not last:
                raise HarvestError(_("%(url)s does not name its last page.") % {"url": self.stream.url})
            self._backward(last)
        return True

    def _forward(self, url: str) -> None:
        # The next page is read while this one is written: the partner's time and ours overlap.
        seen: set[str] = set()
        language = translation.get_language()  # the reader's thread writes its errors in the harvest's language
        with ThreadPoolExecutor(max_workers=1) as reader:
            data = self._fetch(url, seen)
            while url:
                activities, _prev, following = self._page(data, url)
                upcoming = reader.submit(self._fetch_in, language, following, seen) if following else None
                # Should this page fail, leaving the block waits for the read under way; this page's error is raised.
                self._apply(activities, url)
                data = upcoming.result() if upcoming else None
                url = following

    def _backward(self, url: str) -> None:
        seen: set[str] = set()
        since = self.stream.last_end_time
        pages: list[tuple[str, list[Activity] | None]] = []
        while url:
            activities, previous, _next = self._page(self._fetch(url, seen), url)
            pages.append((url, activities if len(pages) < PAGES_KEPT else None))
            # A page that starts at or before the newest change applied holds the rest of what is new (and what
            # is older was applied whole: pages are applied whole, and only they move `last_end_time`).
            if not activities or activities[0].end_time <= since:
                break
            url = previous
        reread: set[str] = set()
        for url, activities in reversed(pages):
            if activities is None:
                activities = self._page(self._fetch(url, reread), url)[0]
            self._apply([a for a in activities if a.end_time >= since], url)

    def _apply(self, activities: list[Activity], url: str) -> None:
        if not activities:
            return
        if self.newest is not None and activities[0].end_time < self.newest:
            raise HarvestError(_("%(url)s: the pages are not in time order.") % {"url": url})
        deleted_later = {}
        for position, activity in enumerate(activities):
            if activity.action == "Delete":
                deleted_later[activity.uri] = position
        for position, activity in enumerate(activities):
            if activity.action != "Delete" and activity.record is None:
                if deleted_later.get(activity.uri, -1) > position:
                    activity.is_gone = True  # deleted further down this page: no document to ask for
                else:
                    activity.record = self._record_from_see_also(activity)
        self.apply(activities)
        self.newest = max(self.newest or activities[-1].end_time, activities[-1].end_time)

    def _record_from_see_also(self, activity: Activity) -> dict | None:
        """Another implementation may leave the record out of the activity: read its JSON-LD document."""
        for address in activity.see_also:
            if origin(address) not in self.origins:
                continue
            try:
                fetched = fetch_json(address)
            except FetchError as error:
                if error.status in {404, 410}:
                    # No longer public: a later Delete in the stream says so; this change has nothing to apply.
                    activity.is_gone = True
                    return None
                raise
            if fetched is not None and isinstance(fetched.data, dict) and fetched.data.get("name"):
                return fetched.data
        return None
