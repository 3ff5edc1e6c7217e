"""The requirements of IIIF Change Discovery API 1.0 (https://iiif.io/api/discovery/1.0/) as checks, written from the
specification's text (sections 2.1 levels, 3 Ordered Collection / Ordered Collection Page / Activity properties,
4.1 @context). `stream_errors` walks a whole stream the way a consumer does and returns every breach in words.

Beyond the letter, level 2's Create/Delete table is checked as a life cycle: a resource is created before it is
updated or deleted, created again only after a Delete and deleted only while it exists, so a consumer never
meets a Delete for something it was never told of."""

from __future__ import annotations

import re
from collections.abc import Callable

DISCOVERY_CONTEXT = "http://iiif.io/api/discovery/1/context.json"
XSD_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
LEVEL_2_TYPES = {"Create", "Update", "Delete"}
REGISTERED = LEVEL_2_TYPES | {"Move", "Add", "Remove"}


def _uri(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def _reference(value, expected_type: str, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where} must be a JSON object"]
    errors = []
    if not _uri(value.get("id")):
        errors.append(f"{where}.id must be an HTTP(S) URI")
    if value.get("type") != expected_type:
        errors.append(f"{where}.type must be {expected_type}, not {value.get('type')!r}")
    return errors


def _context(document: dict, where: str) -> list[str]:
    context = document.get("@context")
    if context is None:
        return [f"{where} has no @context"]
    if next(iter(document)) != "@context":
        return [f"{where}: @context SHOULD be the first key"]
    if context == DISCOVERY_CONTEXT:
        return []
    if isinstance(context, list) and context and context[-1] == DISCOVERY_CONTEXT:
        return []  # extension contexts come before the Discovery context
    return [f"{where}: @context must be the Discovery context or end with it"]


def collection_errors(collection: dict, url: str) -> list[str]:
    errors = _context(collection, "collection")
    if collection.get("id") != url:
        errors.append(f"collection id {collection.get('id')!r} is not the URI it was read from ({url})")
    if collection.get("type") != "OrderedCollection":
        errors.append("collection type must be OrderedCollection")
    if "first" in collection:
        errors += _reference(collection["first"], "OrderedCollectionPage", "collection.first")
    if "last" not in collection:
        errors.append("collection MUST have last")
    else:
        errors += _reference(collection["last"], "OrderedCollectionPage", "collection.last")
    total = collection.get("totalItems")
    if total is not None and (not isinstance(total, int) or isinstance(total, bool) or total < 0):
        errors.append("totalItems must be a non-negative integer")
    return errors


def activity_errors(activity: dict, where: str) -> list[str]:
    errors = []
    kind = activity.get("type")
    if kind not in REGISTERED:
        errors.append(f"{where}: type {kind!r} is not a registered Activity type")
    elif kind not in LEVEL_2_TYPES:
        errors.append(f"{where}: type {kind!r} SHOULD be Create, Update or Delete")
    errors += _reference_any(activity.get("object"), f"{where}.object")
    end = activity.get("endTime")
    if not isinstance(end, str) or not XSD_UTC.match(end):
        errors.append(f"{where}: endTime {end!r} must be an xsd:dateTime in UTC")
    for see_also in (activity.get("object") or {}).get("seeAlso", []):
        if not _uri(see_also.get("id")) or "type" not in see_also:
            errors.append(f"{where}.object.seeAlso entries need an HTTP(S) id and a type")
        if "format" in see_also and not isinstance(see_also["format"], str):
            errors.append(f"{where}.object.seeAlso format must be a MIME type")
    if "actor" in activity and activity["actor"].get("type") not in {"Application", "Organization", "Person"}:
        errors.append(f"{where}: actor type must be Application, Organization or Person")
    return errors


def _reference_any(value, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where} must be a JSON object"]
    errors = [] if _uri(value.get("id")) else [f"{where}.id must be an HTTP(S) URI"]
    if not isinstance(value.get("type"), str):
        errors.append(f"{where}.type must be a string")
    return errors


def page_errors(page: dict, url: str, collection_url: str, *, is_first: bool, is_last: bool) -> list[str]:
    errors = _context(page, url)
    if page.get("id") != url:
        errors.append(f"page id {page.get('id')!r} is not the URI it was read from ({url})")
    if page.get("type") != "OrderedCollectionPage":
        errors.append(f"{url}: type must be OrderedCollectionPage")
    if "partOf" in page:
        errors += _reference(page["partOf"], "OrderedCollection", f"{url} partOf")
        if page["partOf"].get("id") != collection_url:
            errors.append(f"{url}: partOf must name the collection")
    start = page.get("startIndex")
    if start is not None and (not isinstance(start, int) or start < 0):
        errors.append(f"{url}: startIndex must be a non-negative integer")
    if not is_first:
        if "prev" not in page:
            errors.append(f"{url}: a page other than the first MUST have prev")
        else:
            errors += _reference(page["prev"], "OrderedCollectionPage", f"{url} prev")
    if not is_last:
        if "next" not in page:
            errors.append(f"{url}: a page other than the last SHOULD have next")
        else:
            errors += _reference(page["next"], "OrderedCollectionPage", f"{url} next")
    items = page.get("orderedItems")
    if not isinstance(items, list) or not items:
        errors.append(f"{url}: orderedItems must be an array with at least one item")
        return errors
    for i, activity in enumerate(items):
        errors += activity_errors(activity, f"{url} item {i}")
    ends = [item.get("endTime") or "" for item in items]
    if ends != sorted(ends):
        errors.append(f"{url}: activities must be ordered by endTime, earliest first")
    return errors


def stream_errors(get: Callable[[str], dict], collection_url: str, *, max_pages: int = 1000) -> tuple[list[str], list]:
    """Walk the stream from `first` along `next` (checking `prev` back), as a consumer reading everything would.
    Returns the breaches and every activity in order."""
    collection = get(collection_url)
    errors = collection_errors(collection, collection_url)
    activities: list[dict] = []
    url = (collection.get("first") or collection.get("last") or {}).get("id")
    previous = None
    seen = set()
    while url and len(seen) < max_pages:
        if url in seen:
            errors.append(f"{url}: next links loop")
            break
        seen.add(url)
        page = get(url)
        is_last = url == collection["last"]["id"]
        errors += page_errors(page, url, collection_url, is_first=previous is None, is_last=is_last)
        if previous is not None and page.get("prev", {}).get("id") != previous:
            errors.append(f"{url}: prev does not lead back to the page before ({previous})")
        if "startIndex" in page and page["startIndex"] != len(activities):
            errors.append(f"{url}: startIndex {page['startIndex']} but {len(activities)} activities came before")
        activities += page.get("orderedItems") or []
        previous, url = url, page.get("next", {}).get("id")
        if is_last and url:
            errors.append("the last page has a next page")
    if previous != collection["last"]["id"]:
        errors.append("following next from the first page does not reach the last page")
    if collection.get("totalItems") is not None and collection["totalItems"] != len(activities):
        errors.append(f"totalItems says {collection['totalItems']}, the pages hold {len(activities)}")
    ends = [item.get("endTime") or "" for item in activities]
    if ends != sorted(ends):
        errors.append("across pages, activities must be ordered by endTime, the most recent last")
    errors += lifecycle_errors(activities)
    return errors, activities


def lifecycle_errors(activities: list[dict]) -> list[str]:
    """Level 2: one Create per resource unless it was deleted in between; Update and Delete only while it exists."""
    exists: dict[str, bool] = {}
    errors = []
    for i, activity in enumerate(activities):
        uri, kind = activity["object"]["id"], activity["type"]
        if kind == "Create":
            if exists.get(uri):
                errors.append(f"activity {i}: a second Create for {uri} without a Delete in between")
            exists[uri] = True
        elif kind in {"Update", "Delete"}:
            if not exists.get(uri):
                errors.append(f"activity {i}: {kind} for {uri}, which the stream never created")
            exists[uri] = kind == "Update"
    return errors
