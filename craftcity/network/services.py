"""Writing the network: partner cities, their harvested records, harvest runs and reports. The only door for
the commands, the scheduled job, the demo loader and the tests. Nothing here writes outside this app: a
partner's data never touches the local registry."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from craftcity.accounts.rules import is_registrar
from craftcity.audit.context import change_batch

from .client import FetchError, check_address, fetch_json
from .documents import DocumentError, description_address, read_description, read_record
from .harvest import Activity, HarvestError, StreamReader, origin
from .models import (
    STREAM_KINDS,
    HarvestReport,
    HarvestRun,
    HarvestState,
    NetworkKey,
    NetworkRecord,
    PartnerCity,
    PartnerStream,
)

log = logging.getLogger(__name__)
CITY_FIELDS = ("name", "country", "languages", "designations", "latitude", "longitude", "figures", "site_url")


def _require(actor) -> None:
    if actor is not None and not is_registrar(actor):
        raise PermissionDenied(_("Only registrars may change the network."))


def description_fetch(*, base_url: str) -> tuple[str, dict]:
    """Find and check the network description of a site root; FetchError says what is wrong."""
    address = description_address(check_address(base_url.strip()))
    fetched = fetch_json(address)
    if fetched is None:  # nothing was asked conditionally; a 304 here is a broken server
        raise DocumentError(_("%(url)s answered 304 to a plain request.") % {"url": address})
    return address, read_description(fetched.data, url=address)


@transaction.atomic
def partner_city_add(*, actor=None, base_url: str, is_demo: bool = False) -> PartnerCity:
    """Make a city a partner of this hub from its site root (or refresh one already added from there)."""
    _require(actor)
    address, description = description_fetch(base_url=base_url)
    city = PartnerCity.objects.filter(description_url=address).first()
    same_slug = PartnerCity.objects.filter(slug=description["slug"]).exclude(pk=getattr(city, "pk", None)).first()
    if same_slug is not None:
        raise ValidationError(
            _("Another partner already has the slug “%(slug)s” (%(url)s).")
            % {"slug": description["slug"], "url": same_slug.description_url}
        )
    with change_batch(user=actor, label=f"network add {description['slug']}"):
        city = city or PartnerCity(description_url=address, is_demo=is_demo)
        city.slug = description["slug"]
        city.identifier = description["identifier"]
        city.is_active = True
        for name in CITY_FIELDS:
            setattr(city, name, description[name])
        city.full_clean()
        city.save()
        for key, url in description["streams"].items():
            stream = PartnerStream.objects.filter(city=city, kind=STREAM_KINDS[key]).first()
            if stream is None or stream.url != url:
                # A moved stream is read from the beginning: its new pages need not match the old ones.
                stream = stream or PartnerStream(city=city, kind=STREAM_KINDS[key])
                stream.url, stream.last_end_time, stream.etag, stream.last_modified = url, None, "", ""
                stream.full_clean()
                stream.save()
    return city


@transaction.atomic
def partner_city_remove(*, actor=None, city: PartnerCity) -> None:
    """Leave the network: the city and every record harvested from it go."""
    _require(actor)
    with change_batch(user=actor, label=f"network remove {city.slug}"):
        NetworkKey.objects.filter(record__city=city).delete()
        city.delete()


@transaction.atomic
def partner_city_refresh(*, city: PartnerCity, description: dict) -> PartnerCity:
    """Take a partner's current names and figures; refuse a description whose streams moved (its records would
    come back under other URIs and duplicate the ones the hub holds), naming what changed."""
    streams = {stream.kind: stream.url for stream in city.streams.all()}
    for key, url in description["streams"].items():
        old = streams.get(STREAM_KINDS[key])
        if old and old != url:
            raise HarvestError(
                _(
                    "The partner moved its %(kind)s stream from %(old)s to %(new)s; if that is right, add the "
                    "city again (craftcity network_add) to follow it."
                )
                % {"kind": key, "old": old, "new": url}
            )
    if description["slug"] != city.slug:
        raise HarvestError(
            _("The partner now calls itself “%(new)s” instead of “%(old)s”.")
            % {"new": description["slug"], "old": city.slug}
        )
    changed = [name for name in CITY_FIELDS if getattr(city, name) != description[name]]
    if changed:
        with change_batch(label=f"network refresh {city.slug}"):
            for name in changed:
                setattr(city, name, description[name])
            city.full_clean()
            city.save()
    for key, url in description["streams"].items():
        if STREAM_KINDS[key] not in streams:
            stream = PartnerStream(city=city, kind=STREAM_KINDS[key], url=url)
            stream.full_clean()
            stream.save()
    return city


# --- applying a page of activities ----------------------------------------------------------------------


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    ignored: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("created", "updated", "deleted", "ignored", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors[: max(0, 10 - len(self.errors))])


@transaction.atomic
def network_page_apply(*, stream: PartnerStream, activities: list[Activity]) -> Counts:
    """Apply one page's activities in order, and remember the newest endTime read, all in one transaction: a
    harvest that stops later resumes after this page. A Delete of a record the hub never had is ignored and
    counted (the partner may have created and deleted it between two harvests, or withdrawn it before we came)."""
    counts = Counts()
    city = stream.city
    existing = {r.uri: r for r in NetworkRecord.objects.filter(city=city, uri__in={a.uri for a in activities})}
    changed: dict[str, NetworkRecord] = {}
    gone: set[str] = set()
    for activity in activities:
        record = existing.get(activity.uri)
        if activity.action == "Delete":
            if record is None:
                counts.ignored += 1
            else:
                gone.add(activity.uri)
                changed.pop(activity.uri, None)
                existing.pop(activity.uri)
                counts.deleted += 1
            continue
        if record is not None and record.changed_at == activity.end_time and activity.uri not in changed:
            continue  # the change the last harvest stopped at, read again
        if activity.is_gone:
            counts.ignored += 1
            continue
        try:
            if activity.record is None:
                raise DocumentError(
                    _("The record %(uri)s came with no JSON-LD (neither embedded nor at seeAlso).")
                    % {"uri": activity.uri}
                )
            values = read_record(activity.record, uri=activity.uri)
            fresh = record is None
            counted = fresh or (record.pk is not None and activity.uri not in changed)
            record = record or NetworkRecord(city=city, uri=activity.uri)
            for name, value in values.items():
                setattr(record, name, value)
            record.kind = activity.kind
            record.changed_at = activity.end_time
            # The city is the stream's own (no query per record to check it exists); uniqueness is the lookup above.
            record.full_clean(exclude=["city"], validate_unique=False, validate_constraints=False)
        except (DocumentError, ValidationError) as error:
            counts.failed += 1
            if len(counts.errors) < 10:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                counts.errors.append(f"{activity.uri}: {message}")
            continue
        existing[activity.uri] = record
        changed[activity.uri] = record
        if fresh:
            counts.created += 1
        elif counted:
            counts.updated += 1
    if gone:
        doomed = list(NetworkRecord.objects.filter(city=city, uri__in=gone).values_list("pk", flat=True))
        NetworkKey.objects.filter(record_id__in=doomed).delete()
        NetworkRecord.objects.filter(pk__in=doomed).delete()
    old = [record.pk for record in changed.values() if record.pk is not None]
    if old:
        # Rewritten whole under the same ids: two statements, where bulk_update's CASE per field costs seconds.
        NetworkKey.objects.filter(record_id__in=old).delete()
        NetworkRecord.objects.filter(pk__in=old).delete()
    NetworkRecord.objects.bulk_create(list(changed.values()), batch_size=500)
    _keys_insert([(record.pk, key) for record in changed.values() for key in record.keys.split()])
    newest = activities[-1].end_time if activities else None
    if newest and (stream.last_end_time is None or newest > stream.last_end_time):
        stream.last_end_time = newest
        PartnerStream.objects.filter(pk=stream.pk).update(last_end_time=newest)
    return counts


def _keys_insert(rows: list[tuple[int, str]]) -> None:
    """The name keys of the records just written, as plain rows: two columns, but a model instance and its
    prepared values per key made bulk_create the costliest step of a full harvest."""
    if not rows:
        return
    table = connection.ops.quote_name(NetworkKey._meta.db_table)
    record, key = (connection.ops.quote_name(NetworkKey._meta.get_field(name).column) for name in ("record", "key"))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({record}, {key}) VALUES (%s, %s)", rows)


def _stream_done(stream: PartnerStream, reader: StreamReader) -> None:
    # The collection's validators are kept only once all of it is applied: a stream that stopped half-way must
    # not answer 304 to the harvest that should finish it.
    stream.etag, stream.last_modified = reader.etag[:300], reader.last_modified[:100]
    PartnerStream.objects.filter(pk=stream.pk).update(etag=stream.etag, last_modified=stream.last_modified)


# --- harvests -----------------------------------------------------------------------------------------


def _origins(city: PartnerCity) -> set[str]:
    return {origin(url) for url in (city.site_url, city.description_url, city.identifier) if url}


def partner_city_harvest(*, city: PartnerCity, run: HarvestRun, progress=None) -> HarvestReport:
    """Harvest one city; whatever goes wrong ends in its report, never in an exception."""
    started = time.monotonic()
    counts = Counts()
    pages = 0
    error = ""
    touched = False
    try:
        fetched = fetch_json(city.description_url)
        if fetched is not None:
            partner_city_refresh(city=city, description=read_description(fetched.data, url=city.description_url))
        for stream in city.streams.select_related("city").order_by("kind"):
            stream_counts = Counts()

            def apply(activities, stream=stream, stream_counts=stream_counts):
                stream_counts.add(network_page_apply(stream=stream, activities=activities))
                if progress:
                    progress(city, stream, stream_counts)

            reader = StreamReader(stream, origins=_origins(city), apply=apply)
            try:
                if reader.read():
                    touched = True
                    _stream_done(stream, reader)
            finally:
                pages += reader.pages
                counts.add(stream_counts)
    except FetchError as problem:
        error = str(problem)
    except Exception as problem:  # a bug or a database error must not stop the other cities
        log.exception("harvest of %s failed", city.slug)
        error = _("Unexpected error: %(error)s") % {"error": problem}
    return harvest_report_save(
        run=run,
        city=city,
        counts=counts,
        pages=pages,
        seconds=time.monotonic() - started,
        failed_with=error,
        touched=touched,
    )


@transaction.atomic
def harvest_report_save(
    *, run: HarvestRun, city: PartnerCity, counts: Counts, pages: int, seconds: float, failed_with: str,
    touched: bool,
) -> HarvestReport:  # fmt: skip
    """A city's report: the error that stopped it (`failed_with`) first, then the records it had to skip. The
    city remembers how its last harvest went."""
    if failed_with:
        outcome = HarvestReport.Outcome.FAILED
    elif touched and (counts.created or counts.updated or counts.deleted or counts.failed or counts.ignored):
        outcome = HarvestReport.Outcome.OK
    else:
        outcome = HarvestReport.Outcome.UNCHANGED
    report = HarvestReport(
        run=run,
        city=city,
        outcome=outcome,
        created=counts.created,
        updated=counts.updated,
        deleted=counts.deleted,
        ignored=counts.ignored,
        failed=counts.failed,
        pages=pages,
        seconds=round(seconds, 3),
        error="\n".join(filter(None, [failed_with, *counts.errors])),
    )
    report.full_clean()
    report.save()
    PartnerCity.objects.filter(pk=city.pk).update(
        harvest_state=HarvestState.FAILED if failed_with else HarvestState.OK,
        harvested_at=timezone.now(),
        harvest_error=failed_with,
    )
    return report


def network_harvest(*, slug: str | None = None, trigger: str = "", progress=None) -> HarvestRun:
    """Harvest every active partner (or one): each city in turn, each to its own report, so one that is down or
    broken stops only itself."""
    cities = PartnerCity.objects.active()
    if slug:
        cities = PartnerCity.objects.filter(slug=slug)
        if not cities.exists():
            raise ValidationError(_("No partner city has the slug “%(slug)s”.") % {"slug": slug})
    run = HarvestRun.objects.create(trigger=trigger[:40])
    failed = False
    for city in cities.order_by("slug"):
        report = partner_city_harvest(city=city, run=run, progress=progress)
        failed = failed or report.outcome == HarvestReport.Outcome.FAILED
    run.finished_at = timezone.now()
    run.status = HarvestRun.Status.FAILED if failed else HarvestRun.Status.FINISHED
    run.save(update_fields=["finished_at", "status"])
    return run
