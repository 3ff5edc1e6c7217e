"""Importing lists of people: read, check every row, show what would happen, then write it as one undoable batch.

The registrar's file is judged as a whole before anything is written. In the default mode a single rejected
row means nothing is written; with "valid rows only" the good rows go in. Everything written lands in one
change batch (kind "import"), so `batch_undo` takes a whole import back out.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from rapidfuzz import process as fuzzy

from craftcity.audit.context import change_batch
from craftcity.audit.models import ChangeBatch
from craftcity.audit.services import batch_undo
from craftcity.core.bulk import TableWriter, fast_path, insert_with_history
from craftcity.core.cache import registry_changed
from craftcity.geo.models import Locality, Region
from craftcity.linkage.services import duplicates_find
from craftcity.organizations.models import Membership, Organization
from craftcity.organizations.services import organization_create
from craftcity.people.models import Person, PersonName
from craftcity.people.naming import derived_forms, name_language_and_form, name_parts
from craftcity.search.models import SearchEntry
from craftcity.search.services import index_objects
from craftcity.taxonomy.models import Discipline
from namekit import blocking_keys, name_key, parse_name, similarity
from recordlink.normalize import ascii_fold, normalize_craft, normalize_org, normalize_phone, normalize_region

from .columns import FIELDS, has_name_columns
from .issues import ImportFileError, Issue, Severity
from .models import ImportBatch, ImportSource, PersonSource
from .reading import Table, check_size, open_table

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
BULK_SIZE = 2000
CANDIDATE_THRESHOLD = 0.88
_BUCKET_LIMIT = 50
_SPLIT_LIST = re.compile(r"\s*[,;/\n]\s*")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_GENDERS = {
    "m": "male", "м": "male", "муж": "male", "мужской": "male", "male": "male", "man": "male", "ер": "male",
    "еркек": "male", "e": "male", "е": "male",
    "f": "female", "w": "female", "ж": "female", "жен": "female", "женский": "female", "female": "female",
    "woman": "female", "әйел": "female", "ә": "female",
}  # fmt: skip
# Person fields and the import field whose column they come from, for naming the column in an error.
_CHECKED_PERSON_FIELDS = ("birth_year", "gender", "phone", "email")
_PERSON_FIELD_COLUMNS = {
    "birth_year": "birth_year", "gender": "gender", "phone": "phone", "email": "email", "region": "region",
    "locality": "locality",
}  # fmt: skip

Progress = Callable[[str, int, int | None], None]


def max_bytes() -> int:
    return int(getattr(settings, "CRAFTCITY_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- reference values written in any of three languages -------------------------------------------------


def _fold(text: str) -> str:
    return ascii_fold(text or "")


class _Vocabulary:
    """Rows of a reference table found by their kk/ru/en names, slug or code, with close matches as hints."""

    def __init__(self, entries: Iterable[tuple[int, list[str], str]], normalizer=None, *, word_codes=False):
        self.by_text: dict[str, int] = {}
        self.by_code: dict[str, int] = {}
        self.labels: dict[str, dict] = {}
        self.normalizer = normalizer
        entries = list(entries)
        for pk, texts, label in entries:
            for text in texts:
                key = _fold(text)
                if key:
                    self.by_text.setdefault(key, pk)
                    self.labels.setdefault(key, label)
                code = normalizer(text) if normalizer and text else ""
                if code:
                    self.by_code.setdefault(code, pk)
        # "Weaving and carpets" is also found as "carpet weaving": its words count, after every whole name.
        for pk, texts, _label in entries if word_codes and normalizer else ():
            for text in texts:
                for word in _fold(text).split():
                    code = normalizer(word)
                    if code:
                        self.by_code.setdefault(code, pk)

    def find(self, text: str) -> int | None:
        key = _fold(text)
        if key in self.by_text:
            return self.by_text[key]
        if self.normalizer:
            code = self.normalizer(text)
            if code in self.by_code:
                return self.by_code[code]
        return None

    def hints(self, text: str, limit: int = 3) -> list[str]:
        if not self.labels:
            return []
        found = fuzzy.extract(_fold(text), list(self.labels), limit=limit * 3, score_cutoff=60)
        labels = []
        for key, _score, _index in found:
            label = self.labels[key] or key
            if label not in labels:
                labels.append(label)
        return labels[:limit]


def _names(value) -> list[str]:
    return [text for text in dict(value or {}).values() if text]


def _label(value) -> dict:
    # Hints keep every language and are rendered in the reader's own when the report is shown.
    return dict(value or {})


def _regions() -> _Vocabulary:
    return _Vocabulary(
        ((r.pk, [*_names(r.name), r.iso_code], _label(r.name)) for r in Region.objects.all()),
        normalizer=normalize_region,
    )


def _disciplines() -> _Vocabulary:
    return _Vocabulary(
        ((d.pk, [*_names(d.name), d.slug, d.slug.replace("-", " ")], _label(d.name)) for d in Discipline.objects.all()),
        normalizer=normalize_craft,
        word_codes=True,
    )


_LOCALITY_WORDS = {"g", "gor", "gorod", "s", "selo", "pos", "poselok", "aul", "auyly", "auly", "kalasy", "k", "city"}


def _locality_key(text: str) -> str:
    return " ".join(w for w in _fold(text).split() if w not in _LOCALITY_WORDS)


class _Localities:
    def __init__(self):
        self.by_key: dict[str, list[tuple[int, int | None]]] = {}
        self.labels: dict[str, str] = {}
        for pk, name, region_id in Locality.objects.values_list("pk", "name", "region_id"):
            for text in _names(name):
                key = _locality_key(text)
                if key:
                    self.by_key.setdefault(key, []).append((pk, region_id))
                    self.labels.setdefault(key, text)

    def find(self, text: str, region_id: int | None) -> int | None:
        found = self.by_key.get(_locality_key(text), [])
        for pk, region in found:
            if region_id is None or region == region_id:
                return pk
        return found[0][0] if found else None

    def hints(self, text: str) -> list[str]:
        matches = fuzzy.extract(_locality_key(text), list(self.labels), limit=3, score_cutoff=70)
        return [self.labels[key] for key, _s, _i in matches]


class _Organizations:
    """Existing organizations by any of their names; unknown names become new organizations of the batch."""

    def __init__(self):
        self.by_key: dict[str, int] = {}
        for pk, name, short_name, slug in Organization.objects.values_list("pk", "name", "short_name", "slug"):
            for text in [*_names(name), short_name, slug]:
                for key in (_fold(text), normalize_org(text)):
                    if key:
                        self.by_key.setdefault(key, pk)
        self.new: dict[str, str] = {}  # key → name as first written
        self.memo: dict[str, tuple[int | None, str]] = {}

    def key(self, text: str) -> str:
        return normalize_org(text) or _fold(text)

    def find(self, text: str) -> tuple[int | None, str]:
        if text not in self.memo:
            self.memo[text] = self._find(text)
        return self.memo[text]

    def _find(self, text: str) -> tuple[int | None, str]:
        for key in (_fold(text), normalize_org(text)):
            if key in self.by_key:
                return self.by_key[key], key
        key = self.key(text)
        self.new.setdefault(key, text)
        return None, key


# --- one row -------------------------------------------------------------------------------------------


@dataclass
class RowPlan:
    row: int
    raw: dict
    fingerprint: str
    person: dict = field(default_factory=dict)
    names: list[dict] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)
    discipline_ids: list[int] = field(default_factory=list)
    organization_id: int | None = None
    organization_key: str = ""
    organization_text: str = ""
    issues: list[Issue] = field(default_factory=list)
    skipped: bool = False  # already in the registry or repeated in the file

    @property
    def is_valid(self) -> bool:
        return not any(issue.severity == Severity.ERROR for issue in self.issues)


def _fingerprint(values: dict[str, str]) -> str:
    canonical = sorted((name, " ".join(value.casefold().split())) for name, value in values.items() if value)
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode()).hexdigest()


def _plan_names(full_name: str) -> tuple[list[dict], list[str]]:
    language, form = name_language_and_form(full_name)
    parts = name_parts(full_name)
    names = [{"full_name": full_name, "language": language, "form": form, "is_primary": True, **parts}]
    derived = derived_forms(full_name, parts)
    return names + derived, [name["form"] for name in derived]


def parse_birth_year(text: str) -> int | None:
    """1975, "1975", "1975.0", "12.03.1975", "1975-03-12" → 1975; None when there is no four-digit year."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


class RowChecker:
    """Everything needed to judge one row against the registry, loaded once per file."""

    def __init__(self, table: Table, *, file_name: str):
        self.table = table
        self.file_name = file_name
        self.columns = {name: index for index, name in enumerate(table.fields) if name}
        self.regions = _regions() if "region" in self.columns else None
        self.disciplines = _disciplines() if "craft" in self.columns else None
        self.localities = _Localities() if "locality" in self.columns else None
        self.organizations = _Organizations() if "organization" in self.columns else None
        self.region_countries = dict(Region.objects.values_list("pk", "country_id"))
        self.seen_fingerprints: dict[str, int] = {}
        self.known_fingerprints = _known_fingerprints()
        self.this_year = timezone.localdate().year
        self.low_year = 1850
        self._person, self._name = Person(), PersonName()
        self._person_defaults = {key: getattr(self._person, key) for key in _CHECKED_PERSON_FIELDS}
        self._memo: dict[tuple[str, str, int | None], int | None] = {}

    def header(self, name: str) -> str:
        index = self.columns.get(name)
        return self.table.headers[index] if index is not None else str(FIELDS.get(name, name))

    def check(self, number: int, cells: list[str]) -> RowPlan:
        values = {name: (cells[index] if index < len(cells) else "") for name, index in self.columns.items()}
        raw = {
            (header or f"#{index + 1}"): (cells[index] if index < len(cells) else "")
            for index, header in enumerate(self.table.headers)
            if index < len(cells) and cells[index]
        }
        plan = RowPlan(row=number, raw=raw, fingerprint=_fingerprint(values))
        issue = self._issue_adder(plan)
        self._check_name(plan, values, issue)
        self._check_person(plan, values, issue)
        if plan.is_valid:
            self._check_repeat(plan)
        return plan

    def _issue_adder(self, plan: RowPlan):
        def add(code: str, name: str = "", value: str = "", **params):
            plan.issues.append(
                Issue(code=code, row=plan.row, column=self.header(name) if name else "", value=value, params=params)
            )

        return add

    def _check_name(self, plan: RowPlan, values: dict, issue) -> None:
        full_name = " ".join(values.get("full_name", "").split())
        column = "full_name"
        if not full_name:
            parts = [values.get(n, "") for n in ("family_name", "given_name", "patronymic")]
            full_name = " ".join(" ".join(p for p in parts if p).split())
            column = "family_name" if "family_name" in self.columns else "full_name"
        if not full_name:
            issue("name_missing", column)
            return
        if len(full_name) > 300:
            issue("name_too_long", column, full_name[:60], limit=300)
            return
        kind = name_language_and_form(full_name)
        if kind is None:
            issue("name_mixed_script", column, full_name)
            return
        parsed = parse_name(full_name)
        if not parsed.given or not parsed.family:
            issue("name_incomplete", column, full_name)
            return
        plan.names, plan.generated = _plan_names(full_name)

    def _check_person(self, plan: RowPlan, values: dict, issue) -> None:
        person: dict = {}
        year_text = values.get("birth_year", "")
        if year_text:
            year = parse_birth_year(year_text)
            if year is None or not self.low_year <= year <= self.this_year:
                issue("birth_year_invalid", "birth_year", year_text, low=self.low_year, high=self.this_year)
            else:
                person["birth_year"] = year
        gender_text = values.get("gender", "")
        if gender_text:
            gender = _GENDERS.get(gender_text.strip(" .").casefold())
            if gender is None:
                issue("gender_invalid", "gender", gender_text)
            else:
                person["gender"] = gender
        phone_text = values.get("phone", "")
        if phone_text:
            first = _SPLIT_LIST.split(phone_text.strip())[0]
            phone = normalize_phone(first)
            if not phone:
                issue("phone_invalid", "phone", phone_text)
            else:
                person["phone"] = phone
        email_text = values.get("email", "")
        if email_text:
            email = email_text.strip().lower()
            try:
                validate_email(email)
            except ValidationError:
                issue("email_invalid", "email", email_text)
            else:
                person["email"] = email
        region_text = values.get("region", "")
        if region_text:
            region_id = self._lookup("region", region_text, self.regions.find)
            if region_id is None:
                issue("region_unknown", "region", region_text, hint_choices=self.regions.hints(region_text))
            else:
                person["region_id"] = region_id
                person["country_id"] = self.region_countries.get(region_id)
        locality_text = values.get("locality", "")
        if locality_text:
            region_id = person.get("region_id")
            locality_id = self._lookup(
                "locality", locality_text, lambda t: self.localities.find(t, region_id), region_id
            )
            if locality_id is None:
                issue("locality_unknown", "locality", locality_text, hint_choices=self.localities.hints(locality_text))
            else:
                person["locality_id"] = locality_id
        craft_text = values.get("craft", "")
        if craft_text:
            found = self._lookup("craft", craft_text, self.disciplines.find)
            parts = [craft_text] if found else [p for p in _SPLIT_LIST.split(craft_text) if p]
            for part in parts:
                pk = found or self._lookup("craft", part, self.disciplines.find)
                if pk is None:
                    issue("craft_unknown", "craft", part, hint_choices=self.disciplines.hints(part))
                elif pk not in plan.discipline_ids:
                    plan.discipline_ids.append(pk)
        organization_text = values.get("organization", "")
        if organization_text:
            plan.organization_text = organization_text[:300]
            plan.organization_id, plan.organization_key = self.organizations.find(plan.organization_text)
        plan.person = person
        if plan.names and plan.is_valid:
            self._full_clean(plan, issue)

    def _lookup(self, kind: str, text: str, find, scope: int | None = None) -> int | None:
        """A list names the same few regions and crafts thousands of times: look each spelling up once."""
        key = (kind, text, scope)
        if key not in self._memo:
            self._memo[key] = find(text)
        return self._memo[key]

    def _full_clean(self, plan: RowPlan, issue) -> None:
        """The models' own validation, so an import cannot store what the back office would refuse."""
        # One instance of each, refilled per row: building 200,000 model instances costs more than checking them.
        person, name = self._person, self._name
        for key in _CHECKED_PERSON_FIELDS:
            setattr(person, key, plan.person.get(key, self._person_defaults[key]))
        for key, value in plan.names[0].items():
            setattr(name, key, value)
        # Foreign keys were found by lookup a moment ago; checking each again costs a query per row.
        set_fields = {key for key in plan.person if key in _CHECKED_PERSON_FIELDS}
        exclude = [f.name for f in Person._meta.fields if f.name not in set_fields]
        try:
            person.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            name.full_clean(exclude=["person"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = _PERSON_FIELD_COLUMNS.get(key, "full_name")
                issue("value_invalid", column, str(plan.person.get(key, "")), detail=" ".join(messages))

    def _check_repeat(self, plan: RowPlan) -> None:
        earlier = self.seen_fingerprints.get(plan.fingerprint)
        if earlier is not None:
            plan.skipped = True
            plan.issues.append(
                Issue("duplicate_in_file", row=plan.row, severity=Severity.NOTICE, params={"row": earlier})
            )
            return
        self.seen_fingerprints[plan.fingerprint] = plan.row
        known = self.known_fingerprints.get(plan.fingerprint)
        if known is not None:
            plan.skipped = True
            file_name, created_at = known
            plan.issues.append(
                Issue(
                    "already_imported_row",
                    row=plan.row,
                    severity=Severity.NOTICE,
                    params={"file": file_name, "date": date_format(timezone.localtime(created_at), "DATETIME_FORMAT")},
                )
            )


def _known_fingerprints() -> dict[str, tuple[str, object]]:
    rows = PersonSource.objects.filter(batch__change_batch__undone_at__isnull=True).values_list(
        "fingerprint", "batch__file_name", "batch__created_at"
    )
    return {fp: (name, created) for fp, name, created in rows}


# --- likely duplicates ---------------------------------------------------------------------------------


class _CandidateIndex:
    """People already in the registry (and earlier rows of the file) bucketed by name key and birth year."""

    def __init__(self):
        self.buckets: dict[tuple[str, int | None], list[tuple[str, object, str, int | None]]] = {}
        seen: set[int] = set()
        rows = (
            PersonName.objects.filter(person__merged_into__isnull=True)
            .order_by("person_id", "-is_primary", "id")
            .values_list("person_id", "full_name", "person__birth_year")
        )
        for person_id, full_name, year in rows.iterator(chunk_size=5000):
            if person_id in seen:
                continue
            seen.add(person_id)
            self.add(("person", person_id), full_name, year)

    def add(self, ref, full_name: str, year: int | None) -> None:
        entry = (ref[0], ref[1], full_name, year)
        for key in self._keys(full_name, year):
            bucket = self.buckets.setdefault(key, [])
            if len(bucket) < _BUCKET_LIMIT:
                bucket.append(entry)

    @staticmethod
    def _keys(full_name: str, year: int | None) -> list[tuple[str, int | None]]:
        keys = [("n:" + name_key(full_name), None)]
        if year:
            keys.extend((key, year) for key in blocking_keys(full_name))
        return keys

    def find(self, full_name: str, year: int | None) -> list[dict]:
        found: dict[tuple, dict] = {}
        for key in self._keys(full_name, year):
            for kind, ref, other_name, other_year in self.buckets.get(key, ()):
                if (kind, ref) in found or (year and other_year and year != other_year):
                    continue
                score = similarity(full_name, other_name)
                if score >= CANDIDATE_THRESHOLD:
                    found[(kind, ref)] = {
                        kind: ref, "name": other_name, "birth_year": other_year, "score": round(score, 3)
                    }  # fmt: skip
        return sorted(found.values(), key=lambda c: -c["score"])[:3]


# --- the import ----------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    batch: ImportBatch
    plans: list[RowPlan]

    @property
    def exit_code(self) -> int:
        return 2 if self.batch.rows_rejected else 0


# Up to this many new people, an import queues their likely duplicates for review at once; a larger list
# leaves that to `craftcity find_duplicates`, which scores the whole registry in one run.
QUEUE_DUPLICATES_UP_TO = 20_000


def _require_registrar(actor) -> None:
    if actor is not None and not (actor.is_superuser or actor.has_perm("people.add_person")):
        raise PermissionDenied(_("Only registrars may import lists of people."))


def import_people(
    *,
    path: Path,
    file_name: str = "",
    actor=None,
    source: ImportSource | None = None,
    mode: str = ImportBatch.Mode.ALL_OR_NOTHING,
    column_mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a CSV/XLSX list of people as one batch; raises ImportFileError when the file cannot be read.

    ``column_mapping`` (column name in the file → field) adds to the source's saved mapping and is saved
    with it once the file has been read.
    """
    _require_registrar(actor)
    started = time.monotonic()
    path = Path(path)
    file_name = file_name or path.name
    for name in (column_mapping or {}).values():
        if name not in FIELDS:
            raise ImportFileError("unknown_field", field=name)
    saved = {**(source.column_mapping if source else {}), **(column_mapping or {})}
    table = open_table(path, saved_mapping=saved, max_bytes=max_bytes())
    sha = file_sha256(path)
    batch = ImportBatch(
        file_name=file_name[:255],
        file_sha256=sha,
        file_size=path.stat().st_size,
        source=source,
        mode=mode,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        file_format=table.file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        header_row=table.header_row,
        column_mapping={h: f for h, f in zip(table.headers, table.fields, strict=False) if h and f},
    )
    earlier = ImportBatch.objects.live().filter(file_sha256=sha).order_by("created_at").first()
    if earlier is not None:
        # The same bytes again: nothing to do, and nothing recorded, so a re-import changes nothing at all.
        batch.status = ImportBatch.Status.ALREADY_IMPORTED
        batch.created_at = timezone.now()
        batch.issues = [
            Issue(
                "already_imported_file",
                severity=Severity.NOTICE,
                params={
                    "date": date_format(timezone.localtime(earlier.created_at), "DATETIME_FORMAT"),
                    "batch": earlier.pk,
                },
            ).as_dict()
        ]
        return ImportResult(batch=batch, plans=[])

    plans = _check_rows(table, file_name=file_name, progress=progress)
    if not plans:
        raise ImportFileError("no_rows")
    batch.rows_total = len(plans)
    batch.rows_rejected = sum(1 for p in plans if not p.is_valid)
    batch.rows_unchanged = sum(1 for p in plans if p.skipped)
    to_create = [p for p in plans if p.is_valid and not p.skipped]
    batch.issues = [issue.as_dict() for p in plans for issue in p.issues]
    batch.candidates = _find_candidates(to_create, progress=progress)
    batch.rows_flagged = len({c["row"] for c in batch.candidates})
    new_organizations = {p.organization_key for p in to_create if p.organization_id is None and p.organization_key}
    batch.organizations_created = len(new_organizations)

    write = mode == ImportBatch.Mode.VALID_ROWS or (mode == ImportBatch.Mode.ALL_OR_NOTHING and not batch.rows_rejected)
    if mode == ImportBatch.Mode.DRY_RUN:
        batch.status = ImportBatch.Status.DRY_RUN
    elif not write:
        batch.status = ImportBatch.Status.REJECTED
    if mode == ImportBatch.Mode.DRY_RUN or not write:
        batch.rows_created = len(to_create) if mode == ImportBatch.Mode.DRY_RUN else 0
        batch.duration_seconds = time.monotonic() - started
        batch.save()
        return ImportResult(batch=batch, plans=plans)

    with transaction.atomic():
        with change_batch(user=actor, label=file_name, kind=ChangeBatch.Kind.IMPORT, reuse=False) as history_batch:
            batch.status = ImportBatch.Status.IMPORTED
            batch.change_batch = history_batch
            batch.rows_created = len(to_create)
            batch.save()
            organizations = _create_organizations(to_create, actor=actor)
            person_ids = _write_people(to_create, batch=batch, history_batch=history_batch,
                                       organizations=organizations, actor=actor, progress=progress)  # fmt: skip
            # Rows were written without model signals: tell the page cache once, and index the people in
            # this same transaction, so that they and their search entries commit (or vanish) together: a
            # crash after the commit can no longer leave people out of search with nothing to say so.
            registry_changed()
            index_objects({(SearchEntry.Kind.PERSON, pk) for pk in person_ids})
            if len(person_ids) <= QUEUE_DUPLICATES_UP_TO:
                duplicates_find(person_ids=person_ids)
        if source is not None and batch.column_mapping:
            source.column_mapping = {**source.column_mapping, **batch.column_mapping}
            source.save(update_fields=["column_mapping", "updated_at"])
        batch.duration_seconds = time.monotonic() - started
        batch.save(update_fields=["duration_seconds"])
    return ImportResult(batch=batch, plans=plans)


def import_upload_create(*, actor, upload, source=None, mode: str, column_mapping: dict | None = None):
    """Keep a file sent from the back office and queue the job that imports it; the page follows its status."""
    from .models import ImportUpload
    from .tasks import import_upload_run

    _require_registrar(actor)
    check_size(upload.size, max_bytes())
    with transaction.atomic():
        record = ImportUpload(
            file_name=Path(upload.name).name[:255], user=actor, source=source, mode=mode,
            column_mapping=column_mapping or {},
        )  # fmt: skip
        suffix = Path(upload.name).suffix.lower()
        record.file.save("upload" + (suffix if suffix in {".xlsx", ".csv", ".txt", ".tsv"} else ""), upload, save=False)
        record.save()
        import_upload_run.enqueue(upload_id=record.pk)
    record.refresh_from_db()
    return record


def import_upload_run(*, upload_id: int) -> None:
    """The job: import the kept file as its sender asked, record the outcome, and delete the file."""
    from .models import ImportUpload

    record = ImportUpload.objects.select_related("user", "source").filter(pk=upload_id).first()
    if record is None or record.is_finished:
        return
    ImportUpload.objects.filter(pk=record.pk).update(status=ImportUpload.Status.RUNNING)
    outcome = {"status": ImportUpload.Status.FAILED, "problem": {"code": "crashed", "params": {"detail": "—"}}}
    try:
        result = import_people(
            path=Path(record.file.path), file_name=record.file_name, actor=record.user, source=record.source,
            mode=record.mode, column_mapping=record.column_mapping,
        )  # fmt: skip
        batch = result.batch
        outcome = {"status": ImportUpload.Status.DONE, "problem": {}, "batch_id": batch.pk}
        if batch.pk is None:  # the same file again: nothing recorded, the notice says when it came before
            outcome["problem"] = batch.issues[0]
    except ImportFileError as error:
        outcome["problem"] = {"code": error.code, "params": error.params}
    except PermissionDenied:
        outcome["problem"] = {"code": "not_allowed", "params": {}}
    except Exception as error:
        outcome["problem"] = {"code": "crashed", "params": {"detail": type(error).__name__}}
        raise
    finally:  # whatever happened (a crash is logged by the worker too), the page stops waiting
        record.file.delete(save=False)
        ImportUpload.objects.filter(pk=record.pk).update(file="", finished_at=timezone.now(), **outcome)


def _check_rows(table: Table, *, file_name: str, progress: Progress | None) -> list[RowPlan]:
    if not has_name_columns(f for f in table.fields if f):  # pragma: no cover - open_table guarantees it
        raise ImportFileError("no_name_column", rows=0, columns="")
    checker = RowChecker(table, file_name=file_name)
    plans = []
    for count, (number, cells) in enumerate(table.rows, start=1):
        if not any(cells):
            continue
        plans.append(checker.check(number, cells))
        if progress and count % 1000 == 0:
            progress("check", count, table.total_hint)
    if progress:
        progress("check", len(plans), len(plans))
    return plans


def _find_candidates(plans: list[RowPlan], *, progress: Progress | None) -> list[dict]:
    index = _CandidateIndex()
    candidates = []
    for count, plan in enumerate(plans, start=1):
        full_name = plan.names[0]["full_name"]
        year = plan.person.get("birth_year")
        for match in index.find(full_name, year):
            candidates.append({"row": plan.row, "full_name": full_name, **match})
        index.add(("file_row", plan.row), full_name, year)
        if progress and count % 5000 == 0:
            progress("duplicates", count, len(plans))
    return candidates


def _unique_slug(base: str, taken: set[str]) -> str:
    base = (slugify(_fold(base)) or "organization")[:100]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _create_organizations(plans: list[RowPlan], *, actor) -> dict[str, int]:
    """Organizations named in the file but not in the registry yet, created through their service."""
    wanted: dict[str, str] = {}  # key → the name as first written in the file
    for plan in plans:
        if plan.organization_id is None and plan.organization_key:
            wanted.setdefault(plan.organization_key, plan.organization_text)
    if not wanted:
        return {}
    taken = set(Organization.objects.values_list("slug", flat=True))
    created = {}
    for key, text in wanted.items():
        language = (name_language_and_form(text) or ("ru", ""))[0]
        organization = organization_create(
            actor=None, kind=Organization.Kind.ASSOCIATION, name={language: text}, slug=_unique_slug(text, taken)
        )
        created[key] = organization.pk
    return created


def _write_people(
    plans: list[RowPlan], *, batch: ImportBatch, history_batch: ChangeBatch, organizations: dict[str, int], actor,
    progress: Progress | None,
) -> list[int]:  # fmt: skip
    """People, their name forms, disciplines, memberships and sources, each with the history save() would write."""
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    writer = _FastWriter(history_batch.pk, user_id) if fast_path() else _OrmWriter(history_batch, actor)
    person_ids, person_history = writer.create(Person, [dict(plan.person) for plan in plans])
    if progress:
        progress("write", len(plans) // 3, len(plans))
    _write_disciplines(plans, person_ids, person_history, writer)
    _write_names(plans, person_ids, writer)
    if progress:
        progress("write", 2 * len(plans) // 3, len(plans))
    memberships = []
    for plan, person_id in zip(plans, person_ids, strict=True):
        organization_id = plan.organization_id or organizations.get(plan.organization_key)
        if organization_id:
            memberships.append({"person_id": person_id, "organization_id": organization_id})
    writer.create(Membership, memberships)
    sources = [
        {"person_id": person_id, "batch_id": batch.pk, "row_number": plan.row, "raw": plan.raw,
         "fingerprint": plan.fingerprint, "generated_names": plan.generated}
        for plan, person_id in zip(plans, person_ids, strict=True)
    ]  # fmt: skip
    writer.plain(PersonSource, sources)
    if progress:
        progress("write", len(plans), len(plans))
    return person_ids


class _FastWriter:
    """executemany with ids from the table's sequence (SQLite, where the import holds the write lock)."""

    def __init__(self, batch_id, user_id):
        self.batch_id, self.user_id = batch_id, user_id

    def create(self, model, rows: list[dict]) -> tuple[list[int], dict[int, int]]:
        if not rows:
            return [], {}
        return insert_with_history(model, rows, batch_id=self.batch_id, user_id=self.user_id)

    def plain(self, model, rows: list[dict]) -> list[int]:
        writer = TableWriter(model)
        pk = writer.pk.attname
        for row, new_id in zip(rows, writer.reserve_ids(len(rows)), strict=True):
            row[pk] = new_id
        writer.insert(rows)
        return [row[pk] for row in rows]


class _OrmWriter:
    """bulk_create plus simple-history's bulk_history_create, tied to the change batch (other databases)."""

    def __init__(self, history_batch: ChangeBatch, actor):
        self.history_batch = history_batch
        self.user = actor if getattr(actor, "is_authenticated", False) else None

    def create(self, model, rows: list[dict]) -> tuple[list[int], dict[int, int]]:
        objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=BULK_SIZE)
        history = model.history.bulk_history_create(
            objects, batch_size=BULK_SIZE, default_user=self.user,
            custom_historical_attrs={"batch_id": self.history_batch.pk},
        )  # fmt: skip
        ids = [obj.pk for obj in objects]
        if all(row.history_id for row in history):
            return ids, {obj.pk: row.history_id for obj, row in zip(objects, history, strict=True)}
        found = model.history.model.objects.filter(batch_id=self.history_batch.pk, history_type="+")
        return ids, dict(found.values_list(model._meta.pk.attname, "history_id"))

    def plain(self, model, rows: list[dict]) -> list[int]:
        return [obj.pk for obj in model.objects.bulk_create([model(**row) for row in rows], batch_size=BULK_SIZE)]


def _write_disciplines(plans: list[RowPlan], person_ids: list[int], person_history: dict[int, int], writer) -> None:
    through = Person.disciplines.through
    rows = [
        {"person_id": person_id, "discipline_id": pk}
        for plan, person_id in zip(plans, person_ids, strict=True)
        for pk in plan.discipline_ids
    ]
    if not rows:
        return
    through_ids = writer.plain(through, rows)
    # The person's "+" history row lists the disciplines it was created with, as save() and .set() would.
    m2m_history = Person.history.model._meta.get_field("historicalperson_disciplines").related_model
    writer.plain(
        m2m_history,
        [{"id": through_id, "person_id": row["person_id"], "discipline_id": row["discipline_id"],
          "history_id": person_history[row["person_id"]]}
         for row, through_id in zip(rows, through_ids, strict=True)],
    )  # fmt: skip


def _write_names(plans: list[RowPlan], person_ids: list[int], writer) -> None:
    names = [
        {"person_id": person_id, **name}
        for plan, person_id in zip(plans, person_ids, strict=True)
        for name in plan.names
    ]
    writer.create(PersonName, names)


# --- afterwards ------------------------------------------------------------------------------------------


@transaction.atomic
def import_batch_undo(*, actor=None, batch: ImportBatch) -> ChangeBatch:
    """Take a whole import back out of the registry: every person, name, membership and organization it made."""
    _require_registrar(actor)
    if not batch.can_undo:
        raise ValidationError(_("This import cannot be undone: it wrote nothing or was undone already."))
    return batch_undo(actor=actor, batch=batch.change_batch)


def import_source_get_or_create(*, name: str) -> ImportSource:
    name = " ".join(name.split())[:200]
    source, _created = ImportSource.objects.get_or_create(name=name)
    return source
