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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_add_people, can_edit_taxonomy
from craftcity.audit.context import change_batch
from craftcity.audit.models import ChangeBatch
from craftcity.audit.services import batch_undo
from craftcity.core.cache import page_changes_held, registry_changed
from craftcity.core.models import PublicationStatus
from craftcity.core.slugs import unique_slug
from craftcity.core.storage import local_copy
from craftcity.core.uploads import upload_max_bytes
from craftcity.geo.models import Region
from craftcity.linkage.services import (
    LINK_THRESHOLD,
    REVIEW_THRESHOLD,
    IncomingMatch,
    QueuedPair,
    candidates_for,
    candidates_queue,
)
from craftcity.organizations.models import Organization
from craftcity.organizations.services import organization_create
from craftcity.people.bulk import Enrichment, NewPerson, bulk_writer, people_bulk_create, people_enrich
from craftcity.people.models import Person, PersonName
from craftcity.people.naming import derived_forms, name_language_and_form, name_parts
from craftcity.search.models import SearchEntry
from craftcity.search.pause import indexing_paused
from craftcity.search.services import index_objects
from craftcity.taxonomy.services import discipline_create
from namekit import parse_name
from recordlink.normalize import normalize_phone

from . import mapping
from .columns import FIELDS, has_name_columns
from .issues import ImportFileError, Issue, Severity
from .models import ImportBatch, ImportSource, ImportUpload, PersonSource, ValueMapping
from .reading import Table, check_size, open_table
from .tasks import import_upload_run as import_upload_job

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

Vocabulary = ValueMapping.Vocabulary
Progress = Callable[[str, int, int | None], None]


def max_bytes() -> int:
    """The largest list accepted (CRAFTCITY_IMPORT_MAX_BYTES; an upload is also held to the ceiling of all)."""
    return int(getattr(settings, "CRAFTCITY_IMPORT_MAX_BYTES", upload_max_bytes()))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- one row -------------------------------------------------------------------------------------------


class MatchRow(NamedTuple):
    """A valid row in recordlink's columns, with its row number: all a dry run keeps of it, for the duplicates."""

    row: int
    full_name: str
    birth_year: int | str
    region: str
    craft: str
    phone: str
    email: str
    organization: str

    def get(self, key: str, default=None):
        """recordlink reads rows as mappings."""
        return getattr(self, key) if key in self._fields else default


@dataclass(slots=True)
class RowPlan:
    row: int
    raw: dict
    fingerprint: str
    person: dict = field(default_factory=dict)
    # The name as written; the derived forms (transliterations) are added only when the row is written.
    names: list[dict] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)
    discipline_ids: list[int] = field(default_factory=list)
    organization_id: int | None = None
    organization_key: str = ""
    organization_text: str = ""
    issues: list[Issue] = field(default_factory=list)
    skipped: bool = False  # already in the registry or repeated in the file
    match_row: MatchRow | None = None  # the row in recordlink's columns, for finding duplicates
    # What the row does to the registry, decided with recordlink: create, enrich a known person, or a draft.
    outcome: str = PersonSource.Outcome.CREATED
    match: dict | None = None

    @property
    def is_valid(self) -> bool:
        return not any(issue.severity == Severity.ERROR for issue in self.issues)


def _fingerprint(values: dict[str, str]) -> str:
    canonical = sorted((name, " ".join(value.casefold().split())) for name, value in values.items() if value)
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode()).hexdigest()


def _primary_name(full_name: str, kind: tuple[str, str], parsed) -> dict:
    """The name as written, as PersonName fields (``kind`` and ``parsed`` as read from it by the check)."""
    language, form = kind
    return {"full_name": full_name, "language": language, "form": form, "is_primary": True,
            **name_parts(full_name, parsed)}  # fmt: skip


def _add_derived_names(plan: RowPlan) -> None:
    """The other written forms of the row's name, made only for rows that are written."""
    primary = plan.names[0]
    parts = {key: primary[key] for key in ("given_name", "family_name", "patronymic")}
    derived = derived_forms(primary["full_name"], parts)
    plan.names = [primary, *derived]
    plan.generated = [name["form"] for name in derived]


def parse_birth_year(text: str) -> int | None:
    """1975, "1975", "1975.0", "12.03.1975", "1975-03-12" → 1975; None when there is no four-digit year."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


class RowChecker:
    """Everything needed to judge one row against the registry, loaded once per file."""

    def __init__(self, table: Table, *, file_name: str, source: ImportSource | None = None):
        self.table = table
        self.file_name = file_name
        self.columns = {name: index for index, name in enumerate(table.fields) if name}
        self.regions = mapping.regions() if "region" in self.columns else None
        self.disciplines = mapping.crafts() if "craft" in self.columns else None
        self.localities = mapping.Localities() if "locality" in self.columns else None
        self.organizations = mapping.Organizations() if "organization" in self.columns else None
        self.decisions = mapping.Decisions(source)
        self.unknown = mapping.UnknownValues()
        self.region_countries = dict(Region.objects.values_list("pk", "country_id"))
        self.seen_fingerprints: dict[bytes, int] = {}  # half a fingerprint, as bytes: a third of the hex's memory
        self._shared: dict[str, str] = {}
        self.this_year = timezone.localdate().year
        self.low_year = 1850
        self._person, self._name = Person(), PersonName()
        self._person_defaults = {key: getattr(self._person, key) for key in _CHECKED_PERSON_FIELDS}
        self._memo: dict[tuple, object] = {}  # lookups and decisions by the value's spelling
        # The fields _full_clean checks: a row's set Person fields, and every PersonName field but the person.
        self._fields_checked: dict[frozenset, list] = {}
        self._name_fields = [f for f in PersonName._meta.fields if f.name != "person" and not f.generated]
        self._valid_values: set[tuple] = set()
        self.keeps_rows = True  # the cells as read, for the row's source; a dry run needs none

    def header(self, name: str) -> str:
        index = self.columns.get(name)
        return self.table.headers[index] if index is not None else str(FIELDS.get(name, name))

    def check(self, number: int, cells: list[str]) -> RowPlan:
        values = {name: (cells[index] if index < len(cells) else "") for name, index in self.columns.items()}
        raw = {} if not self.keeps_rows else {
            (header or f"#{index + 1}"): (cells[index] if index < len(cells) else "")
            for index, header in enumerate(self.table.headers)
            if index < len(cells) and cells[index]
        }  # fmt: skip
        plan = RowPlan(row=number, raw=raw, fingerprint=_fingerprint(values))
        issue = self._issue_adder(plan)
        self._check_name(plan, values, issue)
        self._check_person(plan, values, issue)
        if plan.is_valid:
            self._check_repeat(plan)
        return plan

    def _issue_adder(self, plan: RowPlan):
        def add(code: str, name: str = "", value: str = "", severity: str = Severity.ERROR, **params):
            column = self.header(name) if name else ""
            plan.issues.append(
                Issue(code=code, row=plan.row, column=column, value=value, severity=severity, params=params)
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
        plan.names = [_primary_name(full_name, kind, parsed)]

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
            region_id = self._term(plan, issue, Vocabulary.REGION, region_text, self.regions)
            if region_id is not None:
                person["region_id"] = region_id
                person["country_id"] = self.region_countries.get(region_id)
        locality_text = values.get("locality", "")
        if locality_text:
            region_id = person.get("region_id")
            found = self._lookup("locality", locality_text, lambda t: self.localities.find(t, region_id), region_id)
            locality_id = self._term(plan, issue, Vocabulary.LOCALITY, locality_text, self.localities, found=found)
            if locality_id is not None:
                person["locality_id"] = locality_id
        craft_text = values.get("craft", "")
        if craft_text:
            decided = self._decided(Vocabulary.CRAFT, craft_text)
            whole = decided or self._lookup("craft", craft_text, self.disciplines.find)
            parts = [craft_text] if whole else [p for p in _SPLIT_LIST.split(craft_text) if p]
            for part in parts:
                pk = self._term(plan, issue, Vocabulary.CRAFT, part, self.disciplines)
                if pk is not None and pk not in plan.discipline_ids:
                    plan.discipline_ids.append(pk)
        organization_text = values.get("organization", "")
        if organization_text:
            self._organization(plan, issue, organization_text[:300])
        plan.person = person
        if plan.names:
            shared = self._shared  # one string for a value repeated in thousands of rows
            plan.match_row = MatchRow(
                plan.row, plan.names[0]["full_name"], person.get("birth_year") or "",
                shared.setdefault(region_text, region_text), shared.setdefault(craft_text, craft_text),
                person.get("phone", ""), person.get("email", ""),
                shared.setdefault(plan.organization_text, plan.organization_text),
            )  # fmt: skip
        if plan.names and plan.is_valid:
            self._full_clean(plan, issue)

    def _decided(self, vocabulary: str, text: str):
        if not self.decisions.by_key:
            return None
        key = ("decided", vocabulary, text)
        if key not in self._memo:
            self._memo[key] = self.decisions.get(vocabulary, text)
        return self._memo[key]

    def _term(self, plan: RowPlan, issue, vocabulary: str, text: str, terms, *, found: int | None = None) -> int | None:
        """The entry a value stands for: the registrar's decision for this source first, then the registry's
        names; an unknown value goes into the mapping table and rejects the row until it is decided."""
        decision = self._decided(vocabulary, text)
        if decision is not None:
            if decision.action == ValueMapping.Action.BLANK:
                issue("value_left_blank", vocabulary, text, severity=Severity.WARNING)
            return decision.target_id if decision.action == ValueMapping.Action.MAP else None
        pk = found if found is not None else self._lookup(vocabulary, text, terms.find)
        if pk is None:
            unknown = self.unknown.add(vocabulary, text, plan.row, terms.suggest)
            issue(f"{vocabulary}_unknown", vocabulary, text, hint_choices=[s.label for s in unknown.suggestions])
        return pk

    def _organization(self, plan: RowPlan, issue, text: str) -> None:
        """An organization the registry does not know is created with the people (unless the registrar
        decided otherwise for this source), and listed in the mapping table so that it can be mapped."""
        plan.organization_text = text
        decision = self._decided(Vocabulary.ORGANIZATION, text)
        if decision is not None and decision.action == ValueMapping.Action.MAP:
            plan.organization_id = decision.target_id
            return
        if decision is not None and decision.action == ValueMapping.Action.BLANK:
            issue("value_left_blank", "organization", text, severity=Severity.WARNING)
            plan.organization_text = ""
            return
        plan.organization_id, plan.organization_key = self.organizations.find(text)
        if plan.organization_id is None and decision is None:
            self.unknown.add(
                Vocabulary.ORGANIZATION, text, plan.row, self.organizations.suggest, proposed=ValueMapping.Action.CREATE
            )

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
        set_fields = frozenset(key for key in plan.person if key in _CHECKED_PERSON_FIELDS)
        person_fields = self._fields_checked.get(set_fields)
        if person_fields is None:
            person_fields = self._fields_checked[set_fields] = [f for f in Person._meta.fields if f.name in set_fields]
        try:
            for instance, fields in ((person, person_fields), (name, self._name_fields)):
                errors = self._clean_fields(instance, fields)
                try:
                    instance.clean()
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
                if errors:
                    raise ValidationError(errors)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = _PERSON_FIELD_COLUMNS.get(key, "full_name")
                issue("value_invalid", column, str(plan.person.get(key, "")), detail=" ".join(messages))

    def _clean_fields(self, instance, fields) -> dict:
        """Model.clean_fields for ``fields``, each value checked once per file: a list repeats the same birth
        years, genders and name parts thousands of times, and a field's check depends on its value alone."""
        errors = {}
        for f in fields:
            value = getattr(instance, f.attname)
            if f.blank and value in f.empty_values:
                continue
            if (f, value) in self._valid_values:
                continue
            try:
                f.clean(value, instance)
            except ValidationError as error:
                errors[f.name] = error.error_list
            else:
                if len(self._valid_values) < 50_000:
                    self._valid_values.add((f, value))
        return errors

    def _check_repeat(self, plan: RowPlan) -> None:
        key = bytes.fromhex(plan.fingerprint[:32])
        earlier = self.seen_fingerprints.get(key)
        if earlier is not None:
            plan.skipped = True
            plan.issues.append(
                Issue("duplicate_in_file", row=plan.row, severity=Severity.NOTICE, params={"row": earlier})
            )
            return
        self.seen_fingerprints[key] = plan.row

    def skip_known(self, plans: list[RowPlan]) -> None:
        """Rows imported before (from any file not undone) are skipped, with a notice naming that file; asked of
        the database once per chunk of rows rather than loading every fingerprint it holds."""
        waiting = {plan.fingerprint: plan for plan in plans if plan.is_valid and not plan.skipped}
        if not waiting:
            return
        known = (
            PersonSource.objects.filter(fingerprint__in=list(waiting), batch__change_batch__undone_at__isnull=True)
            .order_by("batch__created_at", "pk")
            .values_list("fingerprint", "batch__file_name", "batch__created_at")
        )
        for fingerprint, file_name, created_at in known:
            plan = waiting.pop(fingerprint, None)
            if plan is None:
                continue  # imported more than once: the first time is named
            plan.skipped = True
            date = date_format(timezone.localtime(created_at), "DATETIME_FORMAT")
            plan.issues.append(
                Issue("already_imported_row", row=plan.row, severity=Severity.NOTICE,
                      params={"file": file_name, "date": date})
            )  # fmt: skip


# --- likely duplicates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What a row found like someone else does: enrich that person, or wait as a draft beside them."""

    outcome: str
    target: dict  # {"person", "name"} or {"file_row", "file_index", "name"}
    found: IncomingMatch

    def match(self) -> dict:
        """As RowPlan.match: the target with the score and the evidence the review queue shows."""
        found = self.found
        return {**self.target, "probability": found.probability, "weight": found.weight, "evidence": found.evidence}


def _decide_duplicates(rows: list[MatchRow], *, progress: Progress | None) -> tuple[dict[int, Decision], list[dict]]:
    """Score the rows against the registry and each other with recordlink, as the review queue does, and
    decide each row once: the same person as a known one above the link threshold enriches that person; in
    the review band the row becomes a draft waiting beside its candidate in the queue; otherwise it is new.

    Returns the decisions by index in ``rows`` (rows not named are new people), and the likely duplicates as
    the report lists them.
    """
    if not rows:
        return {}, []
    if progress:
        progress("duplicates", 0, len(rows))
    matches = candidates_for(rows, threshold=REVIEW_THRESHOLD)
    best_known: dict[int, IncomingMatch] = {}
    in_file: dict[int, tuple[int, IncomingMatch]] = {}
    for match in matches:
        if match.person_id is not None:
            known = best_known.get(match.row)
            if known is None or match.weight > known.weight:
                best_known[match.row] = match
        else:  # two rows of the file: the later one is measured against the earlier
            later, earlier = max(match.row, match.other_row), min(match.row, match.other_row)
            known = in_file.get(later)
            if known is None or match.weight > known[1].weight:
                in_file[later] = (earlier, match)
    del matches
    names = _registry_names({m.person_id for m in best_known.values()})
    decisions, reported = {}, []
    for index in sorted(best_known.keys() | in_file.keys()):
        row, match = rows[index], best_known.get(index)
        if match is not None:
            target = {"person": match.person_id, "name": names.get(match.person_id, "")}
        else:
            earlier, match = in_file[index]
            first = rows[earlier]
            target = {"file_row": first.row, "file_index": earlier, "name": first.full_name}
        linked = match.probability >= LINK_THRESHOLD
        outcome = PersonSource.Outcome.ENRICHED if linked else PersonSource.Outcome.DRAFT
        decisions[index] = Decision(outcome, target, match)
        reported.append({
            "row": row.row, "full_name": row.full_name, "birth_year": row.birth_year or None,
            "score": round(match.probability, 3), "outcome": outcome,
            **{k: v for k, v in target.items() if k != "file_index"},
        })  # fmt: skip
    if progress:
        progress("duplicates", len(rows), len(rows))
    return decisions, reported


def _registry_names(person_ids: set[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    rows = PersonName.objects.filter(person_id__in=person_ids).order_by("person_id", "-is_primary", "id")
    for person_id, full_name in rows.values_list("person_id", "full_name"):
        names.setdefault(person_id, full_name)
    return names


# --- the import ----------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    batch: ImportBatch
    plans: list[RowPlan]

    @property
    def exit_code(self) -> int:
        return 2 if self.batch.rows_rejected else 0


def _require_registrar(actor) -> None:
    if actor is not None and not can_add_people(actor):
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
    table = open_table(path, saved_mapping=saved, max_bytes=max_bytes(), name=file_name)
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
    # The same bytes again: nothing to do, unless rows were held back then (unknown values the registrar has
    # mapped since, say): the rows that went in are then skipped by their fingerprints, and only those come.
    earlier = ImportBatch.objects.live().filter(file_sha256=sha, rows_rejected=0).order_by("created_at").first()
    if earlier is not None:
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

    checked, checker = _check_rows(table, file_name=file_name, source=source, progress=progress, mode=mode)
    if not checked.rows_total:
        raise ImportFileError("no_rows")
    batch.rows_total = checked.rows_total
    batch.rows_rejected = checked.rows_rejected
    batch.rows_unchanged = checked.rows_unchanged
    batch.issues = checked.all_issues()
    batch.unknown_values = checker.unknown.as_list()
    decisions, batch.candidates = _decide_duplicates(checked.matches, progress=progress)
    outcomes = Counter(decision.outcome for decision in decisions.values())
    batch.rows_enriched = outcomes[PersonSource.Outcome.ENRICHED]
    batch.rows_drafted = batch.rows_flagged = outcomes[PersonSource.Outcome.DRAFT]
    batch.organizations_created = len(checked.new_organizations)
    rows_new = len(checked.matches)

    write = mode == ImportBatch.Mode.VALID_ROWS or (mode == ImportBatch.Mode.ALL_OR_NOTHING and not batch.rows_rejected)
    if mode == ImportBatch.Mode.DRY_RUN:
        batch.status = ImportBatch.Status.DRY_RUN
    elif not write:
        batch.status = ImportBatch.Status.REJECTED
    if mode == ImportBatch.Mode.DRY_RUN or not write:
        batch.rows_created = rows_new - batch.rows_enriched if mode == ImportBatch.Mode.DRY_RUN else 0
        if mode != ImportBatch.Mode.DRY_RUN:
            batch.rows_enriched = batch.rows_drafted = batch.rows_flagged = 0
        batch.duration_seconds = time.monotonic() - started
        batch.save()
        return ImportResult(batch=batch, plans=checked.plans or [])

    to_write = checked.plans
    for index, decision in decisions.items():
        to_write[index].outcome, to_write[index].match = decision.outcome, decision.match()
    with transaction.atomic():
        with change_batch(user=actor, label=file_name, kind=ChangeBatch.Kind.IMPORT, reuse=False) as history_batch:
            batch.status = ImportBatch.Status.IMPORTED
            batch.change_batch = history_batch
            batch.rows_created = rows_new - batch.rows_enriched
            batch.save()
            organizations = _create_organizations(to_write, actor=actor)
            person_ids = _write_people(to_write, batch=batch, history_batch=history_batch,
                                       organizations=organizations, actor=actor, progress=progress)  # fmt: skip
            # Rows were written without model signals: tell the page cache once, and index the people in
            # this same transaction, so that they and their search entries commit (or vanish) together: a
            # crash after the commit can no longer leave people out of search with nothing to say so.
            registry_changed()
            index_objects({(SearchEntry.Kind.PERSON, pk) for pk in person_ids})
        if source is not None and batch.column_mapping:
            source.column_mapping = {**source.column_mapping, **batch.column_mapping}
            source.save(update_fields=["column_mapping", "updated_at"])
        batch.duration_seconds = time.monotonic() - started
        batch.save(update_fields=["duration_seconds"])
    return ImportResult(batch=batch, plans=to_write)


def import_upload_create(*, actor, upload, source=None, mode: str, column_mapping: dict | None = None):
    """Keep a file sent from the back office and queue the job that imports it; the page follows its status."""
    _require_registrar(actor)
    check_size(upload.size, max_bytes(), Path(upload.name).name)  # before the file is kept or parsed
    with transaction.atomic():
        record = ImportUpload(
            file_name=Path(upload.name).name[:255], user=actor, source=source, mode=mode,
            column_mapping=column_mapping or {},
        )  # fmt: skip
        suffix = Path(upload.name).suffix.lower()
        record.file.save("upload" + (suffix if suffix in {".xlsx", ".csv", ".txt", ".tsv"} else ""), upload, save=False)
        record.save()
        import_upload_job.enqueue(upload_id=record.pk)
    record.refresh_from_db()
    return record


def import_upload_run(*, upload_id: int) -> None:
    """The job: import the kept file as its sender asked, record the outcome, and delete the file unless
    the registrar may want to run it again."""
    record = ImportUpload.objects.select_related("user", "source").filter(pk=upload_id).first()
    if record is None or record.is_finished:
        return
    ImportUpload.objects.filter(pk=record.pk).update(status=ImportUpload.Status.RUNNING)
    outcome = {"status": ImportUpload.Status.FAILED, "problem": {"code": "crashed", "params": {"detail": "—"}}}
    try:
        with local_copy(record.file) as path:  # the file itself, or a copy from object storage
            result = import_people(
                path=path, file_name=record.file_name, actor=record.user, source=record.source,
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
        if not _kept_for_another_run(outcome):
            record.file.delete(save=False)
            outcome["file"] = ""
        ImportUpload.objects.filter(pk=record.pk).update(finished_at=timezone.now(), **outcome)
    _forget_old_uploads()


# A file that may be run again (a dry run, or rows held back for the mapping table) is kept this long at most.
KEEP_UPLOADS_DAYS = 7


def _kept_for_another_run(outcome: dict) -> bool:
    """A dry run, or a run that held rows back, keeps its file so that the registrar can run it again
    (after deciding the mapping table) without sending it a second time."""
    if outcome.get("status") != ImportUpload.Status.DONE or not outcome.get("batch_id"):
        return False
    batch = ImportBatch.objects.filter(pk=outcome["batch_id"]).first()
    return batch is not None and (batch.status != ImportBatch.Status.IMPORTED or batch.rows_rejected > 0)


def _forget_old_uploads() -> None:
    """Uploaded lists hold phones and addresses: none is kept longer than KEEP_UPLOADS_DAYS."""
    old = ImportUpload.objects.exclude(file="").filter(
        created_at__lt=timezone.now() - timedelta(days=KEEP_UPLOADS_DAYS), finished_at__isnull=False
    )
    for record in old:
        import_upload_discard(actor=None, upload=record)


def import_upload_rerun(*, actor, upload, mode: str):
    """Run a kept file again (the decisions of the mapping table now apply), in the mode the registrar chose."""
    _require_registrar(actor)
    if actor is not None and upload.user_id != actor.pk:
        raise PermissionDenied(_("Only the registrar who sent this file may run it again."))
    if not upload.file or not upload.is_finished:
        raise ValidationError(_("This file is no longer kept: send it again."))
    if mode not in ImportBatch.Mode.values:
        raise ValidationError(_("Unknown import mode."))
    with transaction.atomic():
        ImportUpload.objects.filter(pk=upload.pk).update(
            status=ImportUpload.Status.QUEUED, mode=mode, batch=None, problem={}, finished_at=None
        )
        import_upload_job.enqueue(upload_id=upload.pk)
    upload.refresh_from_db()
    return upload


def import_upload_discard(*, actor, upload) -> None:
    """Delete a kept file now."""
    if actor is not None and upload.user_id != actor.pk:
        _require_registrar(actor)
    upload.file.delete(save=False)
    ImportUpload.objects.filter(pk=upload.pk).update(file="")


@transaction.atomic
def value_mappings_save(*, actor, source: ImportSource | None, choices: list[dict]) -> list[ValueMapping]:
    """Save what the registrar decided about unknown values, for the next run of this source's lists.

    Each choice is {"vocabulary", "value", "action", "target"} (target: the entry's pk, for "map"). Creating
    a new entry is for registrars only; regions and localities come from the reference data and are mapped
    or left blank. A refusal names the value it is about, and nothing is saved.
    """
    _require_registrar(actor)
    saved = []
    for choice in choices:
        vocabulary, value, action = (
            choice.get("vocabulary"),
            " ".join(str(choice.get("value", "")).split()),
            choice.get("action"),
        )
        target = choice.get("target")
        where = {"value": value}
        if vocabulary not in Vocabulary.values or action not in ValueMapping.Action.values or not value:
            raise ValidationError(_("“%(value)s”: unknown decision.") % where)
        if action == ValueMapping.Action.MAP:
            model = mapping.VOCABULARY_MODELS[vocabulary]
            if target in (None, "") or not model.objects.filter(pk=target).exists():
                raise ValidationError(_("“%(value)s”: choose the entry it means.") % where)
        elif action == ValueMapping.Action.CREATE:
            if vocabulary not in (Vocabulary.CRAFT, Vocabulary.ORGANIZATION):
                raise ValidationError(
                    _("“%(value)s”: regions and localities come from the reference data; map it or leave it blank.")
                    % where
                )
            if not can_edit_taxonomy(actor):
                raise PermissionDenied(_("“%(value)s”: only registrars may create new entries.") % where)
            if vocabulary == Vocabulary.CRAFT:
                language = (name_language_and_form(value) or ("ru", ""))[0]
                target, action = discipline_create(actor=actor, name={language: value}).pk, ValueMapping.Action.MAP
        decided = {
            "value": value, "action": action, "target_id": target if action == ValueMapping.Action.MAP else None,
            "decided_by": actor if getattr(actor, "is_authenticated", False) else None,
        }  # fmt: skip
        record, _created = ValueMapping.objects.update_or_create(
            source=source, vocabulary=vocabulary, key=mapping.mapping_key(vocabulary, value), defaults=decided
        )
        saved.append(record)
    return saved


# Rows are checked against the registry a chunk at a time: one query finds those it holds already.
CHUNK_ROWS = 1000
# The first this many problems are kept with their row and column, for the result page, the command and the
# report; the rest are counted in one closing notice (a list read with the wrong columns can have a problem in
# each of its 300,000 rows).
ISSUES_KEPT = 10_000


@dataclass
class CheckedFile:
    """What checking every row of a file leaves behind: counts, problems, and the rows that may go in."""

    rows_total: int = 0
    rows_rejected: int = 0
    rows_unchanged: int = 0
    issues: list[dict] = field(default_factory=list)
    issues_not_listed: int = 0
    matches: list[MatchRow] = field(default_factory=list)  # the valid rows new to the registry, in file order
    plans: list[RowPlan] | None = None  # their plans, kept while they may still be written
    new_organizations: set[str] = field(default_factory=set)

    def add(self, plan: RowPlan, *, all_or_nothing: bool) -> None:
        self.rows_total += 1
        valid = plan.is_valid
        self.rows_rejected += not valid
        self.rows_unchanged += plan.skipped
        for issue in plan.issues:
            if len(self.issues) < ISSUES_KEPT:
                self.issues.append(issue.as_dict())
            else:
                self.issues_not_listed += 1
        if not valid and all_or_nothing:
            self.plans = None  # nothing will be written: the rows need not be kept for it
        if valid and not plan.skipped:
            self.matches.append(plan.match_row)
            if plan.organization_id is None and plan.organization_key:
                self.new_organizations.add(plan.organization_key)
            if self.plans is not None:
                self.plans.append(plan)

    def all_issues(self) -> list[dict]:
        if not self.issues_not_listed:
            return self.issues
        more = Issue("more_issues", severity=Severity.NOTICE, params={"count": self.issues_not_listed})
        return [*self.issues, more.as_dict()]


def _check_rows(
    table: Table, *, file_name: str, source: ImportSource | None, progress: Progress | None, mode: str
) -> tuple[CheckedFile, RowChecker]:
    """Read and check the rows as they stream from the file, a chunk at a time. A dry run keeps only what the
    report and the duplicates need; plans are kept only while the run may still write them."""
    if not has_name_columns(f for f in table.fields if f):  # pragma: no cover - open_table guarantees it
        raise ImportFileError("no_name_column", rows=0, columns="")
    checker = RowChecker(table, file_name=file_name, source=source)
    checker.keeps_rows = mode != ImportBatch.Mode.DRY_RUN
    all_or_nothing = mode == ImportBatch.Mode.ALL_OR_NOTHING
    checked = CheckedFile(plans=None if mode == ImportBatch.Mode.DRY_RUN else [])
    chunk: list[RowPlan] = []

    def settle() -> None:
        checker.skip_known(chunk)
        for plan in chunk:
            checked.add(plan, all_or_nothing=all_or_nothing)
        checker.keeps_rows = checked.plans is not None
        chunk.clear()

    for count, (number, cells) in enumerate(table.rows, start=1):
        if not any(cells):
            continue
        chunk.append(checker.check(number, cells))
        if len(chunk) >= CHUNK_ROWS:
            settle()
        if progress and count % 1000 == 0:
            progress("check", count, table.total_hint)
    settle()
    checker.seen_fingerprints.clear()  # a third of what checking held, not needed for the duplicates
    if progress:
        progress("check", checked.rows_total, checked.rows_total)
    return checked, checker


def _new_slug(text: str, taken: set[str]) -> str:
    slug = unique_slug(text, taken.__contains__, fallback="organization", max_length=100)
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
            actor=None, kind=Organization.Kind.ASSOCIATION, name={language: text}, slug=_new_slug(text, taken)
        )
        created[key] = organization.pk
    return created


def _write_people(
    plans: list[RowPlan], *, batch: ImportBatch, history_batch: ChangeBatch, organizations: dict[str, int], actor,
    progress: Progress | None,
) -> list[int]:  # fmt: skip
    """New people through the registry's bulk door, then what rows add to people already known, then the
    drafts' places in the duplicates queue; every row keeps its source. Returns the ids of people touched."""

    def organization_of(plan: RowPlan) -> int | None:
        return plan.organization_id or organizations.get(plan.organization_key)

    def enrichment_of(plan: RowPlan, person_id: int = 0) -> Enrichment:
        return Enrichment(person_id=person_id, fields=plan.person, names=plan.names,
                          discipline_ids=plan.discipline_ids, organization_id=organization_of(plan))  # fmt: skip

    def first_of(plan: RowPlan) -> RowPlan:
        """The row of this list a matched row comes down to (itself unless it enriches an earlier one)."""
        while plan.outcome == PersonSource.Outcome.ENRICHED and "file_index" in plan.match:
            plan = plans[plan.match["file_index"]]
        return plan

    for plan in plans:
        _add_derived_names(plan)
    writer = bulk_writer(history_batch, actor)
    new = [plan for plan in plans if plan.outcome != PersonSource.Outcome.ENRICHED]
    drafted = {"status": PublicationStatus.DRAFT}  # waits, unpublished, until the registrar decides the pair
    new_people = {
        id(plan): NewPerson(
            fields={**plan.person, **(drafted if plan.outcome == PersonSource.Outcome.DRAFT else {})},
            names=plan.names, discipline_ids=plan.discipline_ids,
            organization_ids=[organization_of(plan)] if organization_of(plan) else [],
        )
        for plan in new
    }  # fmt: skip
    # A person named twice in the list is written once, with what both rows say.
    for plan in plans:
        if plan.outcome == PersonSource.Outcome.ENRICHED and id(first_of(plan)) in new_people:
            new_people[id(first_of(plan))].enrich(enrichment_of(plan))
    new_ids = people_bulk_create(list(new_people.values()), history_batch=history_batch, actor=actor, writer=writer)
    if progress:
        progress("write", len(new), len(plans))
    person_of = {id(plan): pk for plan, pk in zip(new, new_ids, strict=True)}

    def target_of(plan: RowPlan) -> int:
        """The person a matched row is measured against: known, or made from an earlier row of the file."""
        if "person" in plan.match:
            return plan.match["person"]
        earlier = plans[plan.match["file_index"]]
        return person_of.get(id(earlier)) or target_of(earlier)

    enriched = [plan for plan in plans if plan.outcome == PersonSource.Outcome.ENRICHED]
    for plan in enriched:
        person_of[id(plan)] = target_of(plan)
    known = [plan for plan in enriched if id(first_of(plan)) not in new_people]  # people already in the registry
    # Their pages go stale once and they are indexed with the rest below, not once per saved row.
    with page_changes_held(), indexing_paused():
        people_enrich([enrichment_of(plan, person_of[id(plan)]) for plan in known], writer=writer)
    candidates_queue([
        QueuedPair(person_of[id(plan)], target_of(plan), plan.match["probability"], plan.match["weight"],
                   plan.match["evidence"])
        for plan in plans if plan.outcome == PersonSource.Outcome.DRAFT
    ])  # fmt: skip
    sources = [
        {"person_id": person_of[id(plan)], "batch_id": batch.pk, "row_number": plan.row, "raw": plan.raw,
         "fingerprint": plan.fingerprint, "generated_names": plan.generated, "outcome": plan.outcome}
        for plan in plans
    ]  # fmt: skip
    writer.plain(PersonSource, sources)
    if progress:
        progress("write", len(plans), len(plans))
    return sorted(set(person_of.values()))


# --- afterwards ------------------------------------------------------------------------------------------


@transaction.atomic
def import_batch_undo(*, actor=None, batch: ImportBatch) -> ChangeBatch:
    """Take a whole import back out of the registry: every person, name, membership and organization it made."""
    _require_registrar(actor)
    if not batch.can_undo:
        raise ValidationError(_("This import cannot be undone: it wrote nothing or was undone already."))
    undo = batch_undo(actor=actor, batch=batch.change_batch)
    # People it created went with their sources; people it enriched stay, and forget this file's rows.
    batch.person_sources.all().delete()
    return undo


def import_source_get_or_create(*, name: str) -> ImportSource:
    name = " ".join(name.split())[:200]
    source, _created = ImportSource.objects.get_or_create(name=name)
    return source
