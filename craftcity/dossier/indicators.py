"""Indicators, declared one by one: a code, a name in every language, what it counts, its breakdowns
and a function of a `Snapshot` (the registry at a moment). Other apps add theirs with `register()`:
the events and works issues will register events by kind, participants, works catalogued and
exhibited here, as search's documents.py takes their indexers.

Every table is ordered by value (largest first), then by key, so the same inputs give the same
numbers in the same order.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from craftcity.geo.models import Country, Region
from craftcity.organizations.models import Organization
from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline

from . import viability
from .asof import Snapshot
from .viability import CraftCounts


class IndicatorDefinitionError(ValueError):
    """An indicator is declared wrongly (a missing language, an unknown breakdown, a duplicate code)."""


def T(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


# Breakdowns an indicator may declare, named once in every language.
BREAKDOWNS: dict[str, dict[str, str]] = {
    "discipline": T("Бағыт бойынша", "По направлениям", "By discipline"),
    "region": T("Өңір бойынша", "По регионам", "By region"),
    "gender": T("Жынысы бойынша", "По полу", "By gender"),
    "age_band": T("Жас тобы бойынша", "По возрастным группам", "By age band"),
    "country": T("Ел бойынша", "По странам", "By country"),
    "role": T("Рөлі бойынша", "По роли", "By role"),
    "generations": T("Буын саны бойынша", "По числу поколений", "By number of generations"),
    "kind": T("Түрі бойынша", "По видам", "By kind"),
    "members_by_kind": T("Мүшелер, ұйым түрі бойынша", "Члены по видам организаций", "Members by kind of organization"),
    "programme": T("Бағдарлама бойынша", "По программам", "By programme"),
    "measure": T("Көрсеткіштер", "Показатели", "Measures"),
    "craft": T("Қолөнер бойынша", "По ремёслам", "By craft"),
}


@dataclass(frozen=True)
class Row:
    key: str
    label: object  # str, a lazy gettext string or a TranslatedText: printed in the active language
    values: tuple


@dataclass
class Table:
    breakdown: str
    columns: tuple  # headers of the value columns (lazy strings)
    rows: list[Row]
    # The last column explains its row in words (why a craft is endangered): the PDF prints it under the row.
    explained: bool = False

    def sort(self) -> Table:
        self.rows.sort(key=lambda row: (-_number(row.values[0]), row.key))
        return self


def _number(value) -> float:
    return value if isinstance(value, int | float) else 0


@dataclass
class Result:
    total: int
    tables: list[Table] = field(default_factory=list)

    def table(self, breakdown: str) -> Table:
        return next(table for table in self.tables if table.breakdown == breakdown)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: dict[str, str]
    counts: dict[str, str]
    breakdowns: tuple[str, ...]
    compute: Callable[[Snapshot], Result]
    section: str = "registry"  # which part of the dossier shows it

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name["en"]

    def description(self, language: str) -> str:
        return self.counts.get(language) or self.counts["en"]


REGISTRY: dict[str, Indicator] = {}


def validate(indicator: Indicator) -> None:
    """Refuse a definition that would fail later, while building a dossier."""
    where = f"indicator {indicator.code!r}"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", indicator.code or ""):
        raise IndicatorDefinitionError(f"{where}: the code must be lower-case letters, digits and _.")
    languages = [code for code, _name in settings.LANGUAGES]
    for attribute in ("name", "counts"):
        missing = [code for code in languages if not (getattr(indicator, attribute) or {}).get(code)]
        if missing:
            raise IndicatorDefinitionError(f"{where}: {attribute} lacks {', '.join(missing)}.")
    unknown = [code for code in indicator.breakdowns if code not in BREAKDOWNS]
    if unknown:
        raise IndicatorDefinitionError(f"{where}: unknown breakdown(s) {', '.join(unknown)}.")
    if not callable(indicator.compute):
        raise IndicatorDefinitionError(f"{where}: compute is not callable.")


def register(indicator: Indicator) -> Indicator:
    """Add an indicator (other apps call this from their AppConfig.ready)."""
    validate(indicator)
    if indicator.code in REGISTRY and REGISTRY[indicator.code] is not indicator:
        raise IndicatorDefinitionError(f"indicator {indicator.code!r} is registered twice.")
    REGISTRY[indicator.code] = indicator
    return indicator


def compute(indicator: Indicator, snapshot: Snapshot) -> Result:
    """Run one indicator and check that it filled exactly the breakdowns it declared."""
    result = indicator.compute(snapshot)
    got = tuple(table.breakdown for table in result.tables)
    if got != indicator.breakdowns:
        raise IndicatorDefinitionError(
            f"indicator {indicator.code!r} declared breakdowns {indicator.breakdowns} but returned {got}."
        )
    for table in result.tables:
        table.sort()
    return result


# --- labels ------------------------------------------------------------------------------------------

NOT_STATED = _("Not stated")


def _labels(model) -> dict[int, object]:
    return {obj.pk: obj.name for obj in model.objects.all()}


def table(breakdown: str, counter: Counter, labels: dict, column: Promise) -> Table:
    """A one-column table of a breakdown from counts by key, labelled; for indicators of any app."""
    return Table(
        breakdown,
        (column,),
        [
            Row(str(key if key is not None else ""), labels.get(key, NOT_STATED), (value,))
            for key, value in counter.items()
        ],
    )


AGE_BANDS = [(0, 29, "0–29"), (30, 44, "30–44"), (45, 59, "45–59"), (60, 200, "60+")]


def age_band(birth_year: int | None, year: int) -> str | None:
    if birth_year is None:
        return None
    age = year - birth_year
    return next((label for low, high, label in AGE_BANDS if low <= age <= high), None)


PEOPLE = _("people")


# --- the built-in indicators -------------------------------------------------------------------------


def practitioners(snap: Snapshot) -> Result:
    people = snap.practitioners
    disciplines = Counter(d for p in people for d in snap.person_disciplines.get(p.id, ()) or (None,))
    gender_labels = dict(Person.Gender.choices)
    return Result(
        total=len(people),
        tables=[
            table("discipline", disciplines, _labels(Discipline), PEOPLE),
            table("region", Counter(p.region_id for p in people), _labels(Region), PEOPLE),
            table(
                "gender",
                Counter(p.gender or None for p in people),
                {key or None: label for key, label in gender_labels.items() if key},
                PEOPLE,
            ),
            table(
                "age_band",
                Counter(age_band(p.birth_year, snap.year) for p in people),
                {label: label for *_bounds, label in AGE_BANDS},
                PEOPLE,
            ),
            table("country", Counter(p.country_id for p in people), _labels(Country), PEOPLE),
        ],
    )


def derived(snap: Snapshot, key: str, compute: Callable[[Snapshot], object]):
    """A figure several indicators share, computed once per snapshot."""
    if key not in snap.derived:
        snap.derived[key] = compute(snap)
    return snap.derived[key]


def _apprenticeship_crafts(snap: Snapshot, senior: int, junior: int) -> tuple[int, ...]:
    """The craft an apprenticeship passes on: what master and apprentice share, else the apprentice's crafts."""
    learner = snap.person_disciplines.get(junior, ())
    shared = tuple(d for d in learner if d in snap.person_disciplines.get(senior, ()))
    return shared or learner


def _crafts_of(snap: Snapshot) -> dict[int, CraftCounts]:
    year = snap.year
    before = snap.earlier(years=1)
    now_counts = _per_discipline(snap)
    before_counts = _per_discipline(before)
    new, old = Counter(), Counter()
    for person in snap.practitioners:
        for discipline in snap.person_disciplines.get(person.id, ()):
            if person.id not in before.practitioner_ids:
                new[discipline] += 1
            if person.birth_year is not None and year - person.birth_year >= viability.OLD_AGE:
                old[discipline] += 1
    masters: dict[int, set] = defaultdict(set)
    apprentices: dict[int, set] = defaultdict(set)
    for senior, junior in snap.active_apprenticeships:
        for discipline in _apprenticeship_crafts(snap, senior, junior):
            masters[discipline].add(senior)
            apprentices[discipline].add(junior)
    completed: dict[int, set] = defaultdict(set)
    ever: Counter = Counter()
    for _id, kind, senior, junior, start, end in snap.relations:
        if kind != "apprenticeship" or (start is not None and start > year) or junior not in snap.people:
            continue
        crafts = _apprenticeship_crafts(snap, senior, junior)
        for discipline in crafts:
            ever[discipline] += 1
        if _completed_recently(snap, kind, junior, end):
            for discipline in crafts:
                completed[discipline].add(junior)
    return {
        discipline: CraftCounts(
            practitioners=now_counts[discipline],
            practitioners_before=before_counts[discipline],
            masters=len(masters[discipline]),
            apprentices=len(apprentices[discipline]),
            completed=len(completed[discipline]),
            new=new[discipline],
            old=old[discipline],
            ever_recorded=ever[discipline],
        )
        for discipline in sorted(set(now_counts) | set(before_counts))
    }


def craft_counts(snap: Snapshot) -> dict[int, CraftCounts]:
    """Per craft: practitioners now and a year earlier, masters, apprentices, completions, newcomers."""
    return derived(snap, "craft_counts", _crafts_of)


def _completed_recently(snap: Snapshot, kind: str, junior: int, end: int | None) -> bool:
    """An apprenticeship ended within the COMPLETED_YEARS up to the date, its apprentice still practising."""
    return (
        kind == "apprenticeship"
        and end is not None
        and snap.year - viability.COMPLETED_YEARS < end <= snap.year
        and junior in snap.practitioner_ids
    )


def _completed(snap: Snapshot) -> set[int]:
    return {
        junior
        for _id, kind, _senior, junior, _start, end in snap.relations
        if _completed_recently(snap, kind, junior, end)
    }


def _apprenticeships_so_far(snap: Snapshot) -> int:
    counted = snap.practitioner_ids
    return sum(
        1
        for _id, kind, senior, junior, start, _end in snap.relations
        if kind == "apprenticeship"
        and (start is None or start <= snap.year)
        and senior in counted
        and junior in counted
    )


def masters_and_apprentices(snap: Snapshot) -> Result:
    pairs = snap.active_apprenticeships
    masters = {m for m, _a in pairs}
    apprentices = {a for _m, a in pairs}
    newcomers = snap.practitioner_ids - snap.earlier(years=1).practitioner_ids
    rows = [
        Row("masters", _("Active masters"), (len(masters),)),
        Row("apprentices", _("Apprentices in training"), (len(apprentices),)),
        Row("pairs", _("Master–apprentice pairs"), (len(pairs),)),
        Row(
            "completed",
            _("Apprenticeships completed in the last %(years)d years") % {"years": viability.COMPLETED_YEARS},
            (len(_completed(snap)),),
        ),
        Row("new", _("New practitioners in the last 12 months"), (len(newcomers),)),
        Row("recorded", _("Apprenticeships recorded since records began"), (_apprenticeships_so_far(snap),)),
    ]
    labels = _labels(Discipline)
    crafts = [
        Row(str(discipline), labels.get(discipline, NOT_STATED), (c.masters, c.apprentices, c.completed, c.new))
        for discipline, c in craft_counts(snap).items()
        if c.masters or c.apprentices or c.completed or c.new
    ]
    craft_columns = (
        _("masters"),
        _("apprentices"),
        _("completed in %(years)d years") % {"years": viability.COMPLETED_YEARS},
        _("new practitioners"),
    )
    return Result(
        total=len(pairs),
        tables=[Table("role", (_("number"),), rows), Table("craft", craft_columns, crafts)],
    )


def dynasties(snap: Snapshot) -> Result:
    generations = Counter(max(gens.values()) for gens in snap.dynasty_generations.values())
    spanning = sum(count for gens, count in generations.items() if gens >= 3)
    rows = [
        Row(f"{gens:03d}", _("%(count)d generations") % {"count": gens} if gens != 1 else _("1 generation"), (count,))
        for gens, count in generations.items()
    ]
    table = Table("generations", (_("dynasties"),), rows)
    table.rows.append(Row("spanning_3", _("Spanning 3 or more generations"), (spanning,)))
    return Result(total=len(snap.dynasty_generations), tables=[table])


def organizations(snap: Snapshot) -> Result:
    kinds = Counter(kind for kind, _country in snap.organizations.values())
    members: dict[str, set[int]] = {}
    for org, person, _role in snap.active_memberships:
        members.setdefault(snap.organizations[org][0], set()).add(person)
    labels = dict(Organization.Kind.choices)
    return Result(
        total=len(snap.organizations),
        tables=[
            table("kind", kinds, labels, _("organizations")),
            table("members_by_kind", Counter({k: len(v) for k, v in members.items()}), labels, _("members")),
        ],
    )


def places(snap: Snapshot) -> Result:
    return Result(
        total=len(snap.places),
        tables=[table("kind", Counter(snap.places.values()), dict(Place.Kind.choices), _("places"))],
    )


def awards(snap: Snapshot) -> Result:
    programmes = snap.programmes
    kinds = Counter(programmes[a[1]].kind for a in snap.awards if a[1] in programmes)
    from craftcity.awards.models import AwardProgramme

    return Result(
        total=len(snap.awards),
        tables=[
            table("kind", kinds, dict(AwardProgramme.Kind.choices), _("awards")),
            table(
                "programme", Counter(a[1] for a in snap.awards), {k: p.name for k, p in programmes.items()}, _("awards")
            ),
        ],
    )


def titles(snap: Snapshot) -> Result:
    from craftcity.awards.models import Award

    held = snap.titles_in_force
    tiers = {key: label for key, label in Award.Tier.choices}
    return Result(
        total=len(held),
        tables=[
            table(
                "programme",
                Counter(row[1] for row in held),
                {k: p.name for k, p in snap.programmes.items()},
                _("titles"),
            ),
            table("role", Counter(row[4] or None for row in held), tiers, _("titles")),
        ],
    )


def partner_cooperation(snap: Snapshot) -> Result:
    international = {
        org for org, (kind, _country) in snap.organizations.items() if kind == Organization.Kind.INTERNATIONAL
    }
    members = {person for org, person, _role in snap.active_memberships if org in international}
    foreign = {
        org for org, (_kind, country) in snap.organizations.items() if country is not None and country != _home()
    }
    international_programmes = {
        pk
        for pk, programme in snap.programmes.items()
        if programme.awarding_body is not None and programme.awarding_body.kind == Organization.Kind.INTERNATIONAL
    }
    granted = [a for a in snap.awards if a[1] in international_programmes]
    rows = [
        Row("international_bodies", _("International bodies in the registry"), (len(international),)),
        Row("foreign_organizations", _("Organizations abroad"), (len(foreign),)),
        Row("members_of_international_bodies", _("Practitioners in international bodies"), (len(members),)),
        Row("international_awards", _("Awards and titles from international bodies"), (len(granted),)),
    ]
    return Result(total=len(international) + len(foreign), tables=[Table("measure", (_("number"),), rows)])


def _home() -> int | None:
    code = getattr(settings, "CRAFTCITY_HOME_COUNTRY", "KZ")
    return Country.objects.filter(iso_code=code).values_list("pk", flat=True).first()


def _per_discipline(snap: Snapshot) -> Counter:
    return Counter(d for p in snap.practitioners for d in snap.person_disciplines.get(p.id, ()))


def viability_of(snap: Snapshot) -> dict[int, viability.Judgement]:
    """Each craft's category and reasons at the moment (in the active language)."""
    return {discipline: viability.judge(counts) for discipline, counts in craft_counts(snap).items()}


def viability_indicator(snap: Snapshot) -> Result:
    labels = _labels(Discipline)
    rows = []
    judgements = viability_of(snap)
    for discipline, c in craft_counts(snap).items():
        judgement = judgements[discipline]
        trend = f"{c.trend:+.0%}".replace("-", "−") if c.trend is not None else "—"
        rows.append(
            Row(
                str(discipline),
                labels.get(discipline, NOT_STATED),
                (
                    c.practitioners,
                    c.practitioners_before,
                    trend,
                    c.apprentices,
                    c.completed,
                    judgement.label,
                    "; ".join(judgement.reasons),
                ),
            )
        )
    columns = (
        _("practitioners"),
        _("a year earlier"),
        _("trend"),
        _("apprentices"),
        _("completed in %(years)d years") % {"years": viability.COMPLETED_YEARS},
        _("category"),
        _("why"),
    )
    at_risk = sum(1 for judgement in judgements.values() if judgement.is_at_risk)
    return Result(total=at_risk, tables=[Table("craft", columns, rows, explained=True)])


for _indicator in [
    Indicator(
        "practitioners",
        T("Шеберлер мен музыканттар", "Мастера и музыканты", "Practitioners"),
        T(
            "Жарияланған, біріктірілмеген, тірі шеберлер, музыканттар, ақындар және дизайнерлер.",
            "Опубликованные, не объединённые, живущие мастера, музыканты, акыны и дизайнеры.",
            "Published, not merged, living artisans, musicians, akyns and designers.",
        ),
        ("discipline", "region", "gender", "age_band", "country"),
        practitioners,
    ),
    Indicator(
        "masters_apprentices",
        T("Шеберлер мен шәкірттер", "Мастера и ученики", "Masters and apprentices"),
        T(
            "Сол жылы жалғасып жатқан ұстаз–шәкірт байланыстары (екеуі де белсенді шебер), соңғы 5 жылда аяқталған "
            "шәкірттік және 12 айда тізілімге қосылған жаңа шеберлер; бағыт бойынша. Жиыны — ұстаз–шәкірт жұптары.",
            "Связи мастер–ученик, действующие в году даты (оба — практикующие мастера), ученичества, завершённые за "
            "5 лет, и новые мастера за 12 месяцев; по направлениям. Итог — пары мастер–ученик.",
            "Master–apprentice relations under way in the year of the date (both practising), apprenticeships "
            "completed in the last 5 years, and practitioners new in the last 12 months; by craft. The total "
            "counts master–apprentice pairs.",
        ),
        ("role", "craft"),
        masters_and_apprentices,
    ),
    Indicator(
        "dynasties",
        T("Әулеттер", "Династии", "Dynasties"),
        T(
            "Жарияланған әулеттер және туыстық пен шәкірттік байланыстардан шығарылған буын саны.",
            "Опубликованные династии и число поколений, выведенное из родственных и ученических связей.",
            "Published dynasties and their generations, derived from family and apprenticeship relations.",
        ),
        ("generations",),
        dynasties,
    ),
    Indicator(
        "viability",
        T("Қолөнердің өміршеңдігі", "Жизнеспособность ремёсел", "Viability of crafts"),
        T(
            "Әр бағыт бойынша: күнгі шеберлер саны мен бір жыл бұрынғысы, оқып жүрген шәкірттер, соңғы 5 жылда "
            "аяқталған шәкірттік; құжатталған шектерге сай санат және оның себептері. Жиыны — қауіп төнген "
            "(жойылу қаупі бар және аса қауіпті) бағыттар саны.",
            "По каждому направлению: мастера на дату и годом раньше, ученики в обучении, ученичества, завершённые "
            "за 5 лет; категория по документированным порогам и её причины. Итог — число направлений под угрозой "
            "(исчезающих и в критическом состоянии).",
            "Per craft: practitioners at the date and a year earlier, apprentices in training, apprenticeships "
            "completed in the last 5 years; the category by the documented thresholds and why. The total counts "
            "crafts at risk (endangered or critically endangered).",
        ),
        ("craft",),
        viability_indicator,
    ),
    Indicator(
        "organizations",
        T("Ұйымдар", "Организации", "Organizations"),
        T(
            "Жарияланған ұйымдар түрі бойынша және олардың белсенді мүшелері.",
            "Опубликованные организации по видам и их действующие члены.",
            "Published organizations by kind, and their active members.",
        ),
        ("kind", "members_by_kind"),
        organizations,
    ),
    Indicator(
        "places",
        T("Орындар", "Места", "Places"),
        T(
            "Шеберханалар, сахналар, мұражайлар және басқа жарияланған орындар.",
            "Мастерские, площадки, музеи и другие опубликованные места.",
            "Workshops, venues, museums and other published places.",
        ),
        ("kind",),
        places,
    ),
    Indicator(
        "awards",
        T("Марапаттар мен атақтар", "Награды и звания", "Awards and titles"),
        T(
            "Осы күнге дейін берілген марапаттар, атақтар және гранттар.",
            "Награды, звания и гранты, полученные к этой дате.",
            "Awards, titles and grants received by the date.",
        ),
        ("kind", "programme"),
        awards,
    ),
    Indicator(
        "titles",
        T("Күшіндегі атақтар", "Действующие звания", "Titles in force"),
        T(
            "Күні күшінде болған құрметті атақтар мен шебер сертификаттары (мерзімі өтпеген, күші жойылмаған), "
            "атақ және деңгей бойынша (иесі, нұсқаушы, шәкірт).",
            "Почётные звания и сертификаты мастера, действующие на дату (срок не истёк, не отменены), по "
            "званиям и ступеням (носитель, инструктор, стажёр).",
            "Honorary titles and master certificates in force on the date (not expired, not cancelled), by "
            "title and by tier (holder, instructor, trainee).",
        ),
        ("programme", "role"),
        titles,
    ),
    Indicator(
        "partner_cooperation",
        T("Серіктес қалалармен ынтымақтастық", "Сотрудничество с городами-партнёрами", "Partner-city cooperation"),
        T(
            "Халықаралық ұйымдар, шетелдегі ұйымдар, олардың мүшелері және халықаралық марапаттар.",
            "Международные организации, организации за рубежом, их члены и международные награды.",
            "International bodies, organizations abroad, their members and awards from international bodies.",
        ),
        ("measure",),
        partner_cooperation,
    ),
]:
    register(_indicator)


def validate_all() -> list[str]:
    """Messages for every faulty definition in the registry (empty when all are sound)."""
    problems = []
    for indicator in REGISTRY.values():
        try:
            validate(indicator)
        except IndicatorDefinitionError as error:
            problems.append(str(error))
    return problems
