"""What the hub reads from a partner's documents: its network description, and the schema.org JSON-LD of one
record. Both are checked here and turned into plain values; anything else a partner sends (an e-mail, a
telephone, a street address, a birth date) is never read, so it cannot reach the hub's pages."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

import namekit

from .client import FetchError
from .models import STREAM_KINDS

WELL_KNOWN = "/.well-known/craftcity"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class DocumentError(FetchError):
    """A partner's document is not what the contract says (junk, a missing field, a wrong type)."""


def description_address(base_url: str) -> str:
    """The network description of a site root (or the description's own address, given as is)."""
    base = (base_url or "").strip()
    if urlsplit(base).path.rstrip("/").endswith(WELL_KNOWN):
        return base
    return urljoin(base.rstrip("/") + "/", WELL_KNOWN.lstrip("/"))


def _is_url(value) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in {"http", "https"} and parts.netloc)


def _number(value, low: float, high: float):
    return value if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high else None


def read_description(data, *, url: str) -> dict:
    """Check a network description and return the fields a partner city keeps; every problem is listed."""
    if not isinstance(data, dict):
        raise DocumentError(_("%(url)s is not a network description (a JSON object is expected).") % {"url": url})
    problems = []
    if data.get("type") != "CraftCity":
        problems.append(_("“type” must be “CraftCity”"))
    slug = data.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        problems.append(_("“slug” must be lower-case letters, digits and hyphens"))
    name = language_map(data.get("name"))
    if not name:
        problems.append(_("“name” needs the city's name in at least one language"))
    streams = data.get("streams")
    if not isinstance(streams, dict) or not streams:
        problems.append(_("“streams” must give the address of each change stream"))
        streams = {}
    kept_streams = {}
    for key, address in streams.items():
        if key not in STREAM_KINDS:
            continue  # a kind this hub does not know yet; a newer partner may publish more
        if not _is_url(address):
            problems.append(_("stream “%(kind)s” is not a web address") % {"kind": key})
        else:
            kept_streams[key] = address
    if streams and not kept_streams and not problems:
        problems.append(_("“streams” names none of people, organizations, works, events, places"))
    site = data.get("site")
    if site is not None and not _is_url(site):
        problems.append(_("“site” is not a web address"))
    if problems:
        raise DocumentError(
            _("%(url)s is not a valid network description: %(problems)s.")
            % {"url": url, "problems": "; ".join(problems)}
        )
    location = data.get("location") if isinstance(data.get("location"), dict) else {}
    figures = data.get("figures") if isinstance(data.get("figures"), dict) else {}
    designations = []
    for item in data.get("designations") or []:
        if isinstance(item, dict):
            year = item.get("year") if isinstance(item.get("year"), int) else None
            designations.append(
                {"title": language_map(item.get("title")), "body": str(item.get("body") or "")[:200], "year": year}
            )
    country = data.get("country") if isinstance(data.get("country"), str) else ""
    return {
        "slug": slug,
        "name": name,
        "country": country.upper()[:2] if re.fullmatch(r"[A-Za-z]{2}", country) else "",
        "languages": [code for code in data.get("languages") or [] if isinstance(code, str)][:10],
        "designations": designations,
        "latitude": _number(location.get("lat"), -90, 90),
        "longitude": _number(location.get("lon"), -180, 180),
        "figures": {
            key: value
            for key, value in figures.items()
            if key in {"people", "organizations", "works", "events"}
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0
        },
        "site_url": site or url.split(WELL_KNOWN)[0] + "/",
        "identifier": data.get("id") if _is_url(data.get("id")) else "",
        "streams": kept_streams,
    }


# --- one record's JSON-LD ------------------------------------------------------------------------------


def _tagged(value):
    """(language or "", text) pairs of a JSON-LD value: a string, a {"@value", "@language"} object, a
    {language: text} map, or a list of these."""
    if isinstance(value, str):
        yield "", value
    elif isinstance(value, list):
        for item in value:
            yield from _tagged(item)
    elif isinstance(value, dict):
        if "@value" in value:
            if isinstance(value["@value"], str):
                yield str(value.get("@language") or value.get("inLanguage") or ""), value["@value"]
        elif "@id" in value or "url" in value or "contentUrl" in value:
            address = value.get("url") or value.get("contentUrl") or value.get("@id")
            if isinstance(address, str):
                yield str(value.get("inLanguage") or value.get("@language") or ""), address
        elif "name" in value:
            yield from _tagged(value["name"])
        else:
            for language, text in value.items():
                if isinstance(text, str) and isinstance(language, str) and not language.startswith("@"):
                    yield language, text


def language_map(value, *, limit: int = 400) -> dict[str, str]:
    """{language: text}; an untagged text stands for every content language that has none of its own."""
    tagged: dict[str, str] = {}
    untagged = ""
    for language, text in _tagged(value):
        text = " ".join(text.split())[:limit]
        if not text:
            continue
        if language:
            tagged.setdefault(language.lower(), text)
        elif not untagged:
            untagged = text
    shown = {code: text for code, text in tagged.items() if code in settings.CONTENT_LANGUAGES}
    if untagged:
        for code in settings.CONTENT_LANGUAGES:
            shown.setdefault(code, untagged)
    elif tagged and not shown:
        # A name only in a language this site does not show (uz, de…) is still the record's name.
        shown[settings.LANGUAGE_CODE] = next(iter(tagged.values()))
    return shown


def all_texts(value) -> list[str]:
    """Every written form, whatever its language: search finds a record by any of them."""
    return [text for _language, text in _tagged(value) if text.strip()]


def _joined(value, *, limit: int = 400) -> dict[str, str]:
    """Several translated values (a person's crafts) joined per language."""
    items = value if isinstance(value, list) else [value] if value else []
    per_language: dict[str, list[str]] = {}
    for item in items:
        for language, text in language_map(item).items():
            per_language.setdefault(language, []).append(text)
    return {language: ", ".join(dict.fromkeys(texts))[:limit] for language, texts in per_language.items()}


def _moment(value) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) else None
        if day is None:
            return None
        moment = dt.datetime.combine(day, dt.time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return moment


def name_keys(names) -> list[str]:
    """namekit's script-independent keys of every written form, as local search indexes them."""
    keys = []
    for name in names:
        keys.extend((namekit.skeleton(name) or "").split())
    return [key[:64] for key in dict.fromkeys(keys) if key]


def page_addresses(value) -> dict[str, str]:
    """The record's page per language. An untagged address whose path starts with a language (/kk/…, /en/…, as
    craftcity's pages do) is taken for that language; any other untagged one stands for every language."""
    pages: dict[str, str] = {}
    spare = ""
    for language, address in _tagged(value):
        if not _is_url(address) or len(address) > 500:
            continue
        prefix = urlsplit(address).path.strip("/").split("/")[0].lower()
        language = language.lower() or (prefix if prefix in settings.CONTENT_LANGUAGES else "")
        if language in settings.CONTENT_LANGUAGES:
            pages.setdefault(language, address)
        elif not language and not spare:
            spare = address
    if spare:
        for code in settings.CONTENT_LANGUAGES:
            pages.setdefault(code, spare)
    return pages


def read_record(document, *, uri: str) -> dict:
    """The fields a harvested record keeps, from its schema.org JSON-LD."""
    if not isinstance(document, dict):
        raise DocumentError(_("The record %(uri)s is not a JSON-LD object.") % {"uri": uri})
    name = language_map(document.get("name"))
    if not name:
        raise DocumentError(_("The record %(uri)s has no name.") % {"uri": uri})
    urls = page_addresses(document.get("url"))
    crafts = _joined(document.get("knowsAbout") or document.get("genre") or document.get("craft"))
    image = next((text for _language, text in _tagged(document.get("image")) if _is_url(text)), "")
    location = document.get("location")
    if isinstance(location, list):
        location = location[0] if location else None
    forms = all_texts(document.get("name")) + all_texts(document.get("alternateName"))
    return {
        "name": name,
        "url": urls,
        "crafts": crafts,
        "image_url": image[:500],
        "starts_at": _moment(document.get("startDate")),
        "ends_at": _moment(document.get("endDate")),
        "location": language_map(location.get("name") if isinstance(location, dict) else location),
        "keys": " ".join(name_keys([*name.values(), *forms])),
    }
