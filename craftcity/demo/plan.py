"""A synthetic creative community, planned in plain Python from a seed: same seed, same people.

Nothing here touches the database. `craftcity load_demo` writes a plan through the services (a few
hundred people, with history); `craftcity generate_people` bulk-inserts a large one for benchmarks.
Every planned contact is obviously fake: phones are +7 700 000 xx xx, e-mails end in example.kz.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from craftcity.geo.reference import ALMATY, CITIES, REGIONS, CityRow, city_for_region
from craftcity.taxonomy.reference import DISCIPLINES, DisciplineRow

from .names import KAZAKH_GIVEN_NAMES_FEMALE, KAZAKH_GIVEN_NAMES_MALE, KAZAKH_SURNAME_STEMS, make_surname, word_forms

THIS_YEAR = 2025
DEMO_EMAIL_DOMAIN = "example.kz"
BENCH_EMAIL_DOMAIN = "bench.example.kz"  # generate_people's benchmark registries
YOUNGEST_BIRTH_YEAR = 2007  # apprentices from about 18

# Relative weights: a third of the community lives in Almaty, the rest across every region.
REGION_WEIGHTS: dict[str, float] = {row.iso_code: 3.5 for row in REGIONS} | {"KZ-75": 30, "KZ-71": 8, "KZ-79": 6}

CRAFT_WEIGHTS: dict[str, int] = {
    "jewellery": 15, "felt": 12, "leather": 8, "wood-carving": 8, "pottery": 8, "weaving": 10, "textiles": 8,
    "glass": 3, "kurak-korpe": 7, "bone-carving": 4, "yurt-making": 5, "instrument-making": 8,
}  # fmt: skip
MUSIC_WEIGHTS: dict[str, int] = {"kui": 10, "kobyz": 5, "folk-song": 6, "opera": 2, "orchestral": 4, "choral": 3,
                                 "pop": 4}  # fmt: skip
DYNASTY_DISCIPLINES = ["jewellery", "jewellery", "felt", "weaving", "leather", "wood-carving", "pottery",
                       "instrument-making", "instrument-making", "yurt-making", "kurak-korpe", "bone-carving",
                       "kui", "kobyz"]  # fmt: skip
MUSIC_SOCIETY_REGIONS = ["KZ-75", "KZ-71", "KZ-79"]
# Surnames of the real people in the seed articles stay out of the synthetic community, so that no
# invented dynasty or workshop can be mistaken for theirs.
SEED_STEMS = {"Бекқұл", "Рысбек", "Әшім", "Тұрал", "Рафик", "Жұбан", "Рахмади"}
SURNAME_STEMS = [stem for stem in KAZAKH_SURNAME_STEMS if stem not in SEED_STEMS]
DISCIPLINE_ROWS: dict[str, DisciplineRow] = {row.slug: row for row in DISCIPLINES}
# Crafts the demo leaves at risk: nobody has taken an apprentice in them for about ten years.
QUIET_CRAFTS = {"weaving", "glass", "opera"}
OPENING_HOURS = ["Mo-Fr 10:00-18:00", "Tu-Sa 11:00-19:00", "Mo-Sa 09:00-17:00", ""]


@dataclass(slots=True)
class PlannedPerson:
    index: int
    given: str  # Kazakh Cyrillic
    family: str
    gender: str
    birth_year: int
    region: str  # ISO 3166-2
    city: str  # English name of the city locality
    district: str  # English name of the district (Almaty) or ""
    occupation: str
    disciplines: list[str]
    techniques: list[str]
    materials: list[str]
    death_year: int | None = None
    phone: str = ""
    is_phone_public: bool = False
    email: str = ""
    is_email_public: bool = False
    status: str = "published"
    verification: str = "unverified"
    biography: dict[str, str] = field(default_factory=dict)
    workshop: dict | None = None
    membership: tuple[str, str, int] | None = None  # (organization slug, role, start year)

    @property
    def is_alive(self) -> bool:
        return self.death_year is None


@dataclass(slots=True)
class PlannedRelation:
    kind: str  # "family" or "apprenticeship"
    senior: int  # person index
    junior: int
    start_year: int | None = None
    end_year: int | None = None


@dataclass(slots=True)
class PlannedDynasty:
    slug: str
    name: dict[str, str]
    founder: int
    discipline: str
    description: dict[str, str]


@dataclass(slots=True)
class PlannedOrganization:
    slug: str
    kind: str
    name: dict[str, str]
    region: str
    city: str
    founded_year: int
    disciplines: list[str]


@dataclass
class Community:
    people: list[PlannedPerson]
    relations: list[PlannedRelation]
    dynasties: list[PlannedDynasty]
    organizations: list[PlannedOrganization]


def _region_row(iso: str):
    return next(row for row in REGIONS if row.iso_code == iso)


def _city(iso: str) -> CityRow:
    return city_for_region(iso) or CITIES[0]


def plan_organizations(prefix: str, rng: random.Random) -> list[PlannedOrganization]:
    result = []
    crafts = [row.slug for row in DISCIPLINES if row.field == "crafts-and-folk-art"]
    for row in REGIONS:
        city = _city(row.iso_code)
        result.append(
            PlannedOrganization(
                slug=f"{prefix}-artisans-association-{row.iso_code.lower()}",
                kind="association",
                name={
                    "kk": f"{row.name['kk']} шеберлер қауымдастығы",
                    "ru": f"Ассоциация мастеров: {row.name['ru']}",
                    "en": f"{row.name['en']} Artisans' Association",
                },
                region=row.iso_code,
                city=city.name["en"],
                founded_year=rng.randint(1995, 2012),
                disciplines=rng.sample(crafts, 4),
            )
        )
    for iso in MUSIC_SOCIETY_REGIONS:
        city = _city(iso)
        result.append(
            PlannedOrganization(
                slug=f"{prefix}-music-society-{iso.lower()}",
                kind="association",
                name={
                    "kk": f"{city.name['kk']} дәстүрлі музыка қоғамы",
                    "ru": f"Общество традиционной музыки: {city.name['ru']}",
                    "en": f"{city.name['en']} Traditional Music Society",
                },
                region=iso,
                city=city.name["en"],
                founded_year=rng.randint(1995, 2012),
                disciplines=["kui", "kobyz", "folk-song"],
            )
        )
    return result


class Planner:
    """Builds a community person by person from one random generator, so the result depends only on the seed."""

    def __init__(self, *, seed: int, prefix: str = "demo", email_domain: str = DEMO_EMAIL_DOMAIN, always_email=False):
        self.rng = random.Random(seed)
        self.prefix = prefix
        self.email_domain = email_domain
        self.email_share = 1.0 if always_email else 0.8
        self.people: list[PlannedPerson] = []
        self.relations: list[PlannedRelation] = []
        self.dynasties: list[PlannedDynasty] = []
        self.organizations = plan_organizations(prefix, self.rng)
        self._region_keys = list(REGION_WEIGHTS)
        self._region_weights = list(REGION_WEIGHTS.values())

    # --- people -----------------------------------------------------------------------------------

    def pick_region(self) -> str:
        return self.rng.choices(self._region_keys, self._region_weights)[0]

    def person(
        self, *, region: str | None = None, stem: str | None = None, gender: str | None = None,
        birth_year: int | None = None, discipline_slug: str | None = None,
    ) -> PlannedPerson:  # fmt: skip
        rng = self.rng
        index = len(self.people)
        gender = gender or rng.choice(["female", "male"])
        given = rng.choice(KAZAKH_GIVEN_NAMES_FEMALE if gender == "female" else KAZAKH_GIVEN_NAMES_MALE)
        stem = stem or rng.choice(SURNAME_STEMS)
        family = make_surname(stem, gender, "kazakh" if rng.random() < 0.08 else "russian")
        region = region or self.pick_region()
        city = _city(region)
        district = ""
        if city is ALMATY and rng.random() < 0.85:
            district = rng.choice(ALMATY.districts).name["en"]
        if birth_year is None:
            birth_year = int(rng.triangular(1945, 2004, 1982))
        if discipline_slug is None:
            roll = rng.random()
            if roll < 0.70:
                discipline_slug = rng.choices(list(CRAFT_WEIGHTS), list(CRAFT_WEIGHTS.values()))[0]
            elif roll < 0.95:
                discipline_slug = rng.choices(list(MUSIC_WEIGHTS), list(MUSIC_WEIGHTS.values()))[0]
            else:
                discipline_slug = "aitys"
        row = DISCIPLINE_ROWS[discipline_slug]
        occupation = _occupation(row)
        disciplines = [row.slug]
        if occupation == "artisan" and rng.random() < 0.15:
            other = rng.choices(list(CRAFT_WEIGHTS), list(CRAFT_WEIGHTS.values()))[0]
            if other != row.slug:
                disciplines.append(other)
        techniques, materials = [], []
        for slug in disciplines:
            drow = DISCIPLINE_ROWS[slug]
            if drow.techniques:
                picked = rng.sample(drow.techniques, rng.randint(1, min(3, len(drow.techniques))))
                techniques += [slug for slug, _name in picked]
            if drow.materials:
                materials += rng.sample(drow.materials, rng.randint(1, min(3, len(drow.materials))))
        person = PlannedPerson(
            index=index, given=given, family=family, gender=gender, birth_year=birth_year, region=region,
            city=city.name["en"], district=district, occupation=occupation, disciplines=disciplines,
            techniques=techniques, materials=list(dict.fromkeys(materials)),
        )  # fmt: skip
        if birth_year < 1940:
            person.death_year = min(THIS_YEAR - 1, birth_year + rng.randint(62, 92))
        self._contacts(person)
        person.verification = "verified" if rng.random() < 0.6 else "unverified"
        person.biography = _biography(row, city, occupation)
        if occupation == "artisan" and person.is_alive and rng.random() < 0.25:
            person.workshop = self._workshop(person, city)
        self.people.append(person)
        return person

    def _contacts(self, person: PlannedPerson) -> None:
        rng, i = self.rng, person.index
        if not person.is_alive and self.email_share < 1:
            return
        if person.is_alive and rng.random() < 0.7:
            person.phone = f"+7 700 000 {i // 100 % 100:02d} {i % 100:02d}"
            person.is_phone_public = rng.random() < 0.15
        if rng.random() < self.email_share:
            latin = f"{word_forms(person.given)['passport']} {word_forms(person.family)['passport']}".lower()
            local = slugify(latin).replace("-", ".") or "artisan"
            person.email = f"{local}.{i}@{self.email_domain}"
            person.is_email_public = rng.random() < 0.2

    def _workshop(self, person: PlannedPerson, city: CityRow) -> dict:
        rng = self.rng
        centre = city
        if person.district:
            centre = next(d for d in ALMATY.districts if d.name["en"] == person.district)
        number = rng.randint(1, 180)
        return {
            "slug": f"{self.prefix}-workshop-{person.index:06d}",
            "latitude": round(centre.latitude + rng.uniform(-0.02, 0.02), 6),
            "longitude": round(centre.longitude + rng.uniform(-0.03, 0.03), 6),
            "is_address_public": rng.random() < 0.2,
            "opening_hours": rng.choice(OPENING_HOURS),
            # a fictional street: the demo must not send tourists to a real door
            "address": {
                "kk": f"{city.name['kk']}, Шеберлер көшесі, {number}",
                "ru": f"{city.name['ru']}, ул. Шеберлер, {number}",
                "en": f"{number} Sheberler St, {city.name['en']}",
            },
        }

    # --- lineages ---------------------------------------------------------------------------------

    def dynasty(self, number: int, *, max_size: int = 14) -> PlannedDynasty:
        """A line of 2–5 generations from one founder, through children and apprentices."""
        rng = self.rng
        slug = rng.choice(DYNASTY_DISCIPLINES)
        generations = rng.choice([2, 3, 3, 4, 4, 5])
        region = self.pick_region()
        stem = rng.choice(SURNAME_STEMS)
        founder_birth = YOUNGEST_BIRTH_YEAR - 3 - 27 * (generations - 1) - rng.randint(0, 12)
        founder = self.person(region=region, stem=stem, birth_year=founder_birth, discipline_slug=slug)
        previous, size = [founder], 1
        for _generation in range(2, generations + 1):
            current = []
            for _ in range(rng.randint(1, 3)):
                if size >= max_size and current:
                    break
                senior = rng.choice(previous)
                family = rng.random() < 0.65
                gap = rng.randint(20, 30) if family else rng.randint(18, 40)
                birth = min(senior.birth_year + gap, YOUNGEST_BIRTH_YEAR)
                moved = rng.random() < 0.2
                junior = self.person(
                    region="KZ-75" if moved else region, stem=stem if family else None, birth_year=birth,
                    discipline_slug=slug,
                )  # fmt: skip
                self._relate(senior, junior, family)
                if not family and len(previous) > 1 and rng.random() < 0.2:  # a second master
                    other = rng.choice([p for p in previous if p is not senior])
                    self._relate(other, junior, False)
                current.append(junior)
                size += 1
            previous = current
        drow = DISCIPLINE_ROWS[slug]
        surname = make_surname(stem, "male")
        forms = word_forms(surname)
        region_row = _region_row(region)
        planned = PlannedDynasty(
            slug=f"{self.prefix}-{slugify(forms['passport'])}-dynasty-{number:04d}",
            name={"kk": f"{surname} әулеті", "ru": f"Династия {forms['ru_cyrl']}ых", "en": f"{forms['press']} dynasty"},
            founder=founder.index,
            discipline=slug,
            description={
                "kk": f"{drow.name['kk']}: {region_row.name['kk']}. Демонстрациялық деректер.",
                "ru": f"{drow.name['ru']}: {region_row.name['ru']}. Демонстрационные данные.",
                "en": f"{drow.name['en']}, {region_row.name['en']}. Synthetic demo data.",
            },
        )
        self.dynasties.append(planned)
        return planned

    def _relate(self, senior: PlannedPerson, junior: PlannedPerson, family: bool) -> None:
        if family:
            self.relations.append(PlannedRelation("family", senior.index, junior.index))
            return
        start = min(junior.birth_year + self.rng.randint(14, 20), THIS_YEAR)
        if senior.death_year:
            start = min(start, senior.death_year)
        start = max(start, junior.birth_year + 10)
        finish = start + self.rng.randint(3, 7)
        end = min(finish, THIS_YEAR, senior.death_year or THIS_YEAR)
        # An apprenticeship that would finish after this year is still under way: it has no end yet.
        ongoing = finish > THIS_YEAR and not senior.death_year
        self.relations.append(
            PlannedRelation("apprenticeship", senior.index, junior.index, start, None if ongoing else max(start, end))
        )

    # --- transmission today -----------------------------------------------------------------------

    def apprenticeships(self) -> None:
        """Masters teaching young practitioners of their craft, so the demo dossier has transmission to
        count: in most crafts some apprenticeships are under way (no end yet) and some finished in the last
        years. The crafts in QUIET_CRAFTS are left honestly at risk: their last apprenticeship ended long ago."""
        rng = self.rng
        taught = {r.junior for r in self.relations if r.kind == "apprenticeship"}
        pairs = {(r.senior, r.junior) for r in self.relations}
        by_craft: dict[str, list[PlannedPerson]] = {}
        for person in self.people:
            if person.is_alive:
                for slug in person.disciplines[:1]:
                    by_craft.setdefault(slug, []).append(person)
        for slug, people in sorted(by_craft.items()):
            masters = [p for p in people if p.birth_year <= 1975]
            learners = [p for p in people if p.birth_year >= 1993 and p.index not in taught]
            if not masters or not learners:
                continue
            rng.shuffle(learners)
            if slug in QUIET_CRAFTS:
                plan = [(rng.randint(2008, 2011), rng.randint(2013, 2016))]
            else:
                under_way = max(1, round(len(people) * 0.08))
                finished = max(1, round(len(people) * 0.05))
                plan = [(rng.randint(2022, THIS_YEAR), None)] * under_way
                plan += [(start, start + rng.randint(3, 5)) for start in [rng.randint(2016, 2020)] * finished]
            for (start, end), learner in zip(plan, learners, strict=False):
                master = rng.choice(masters)
                if (master.index, learner.index) in pairs or start < learner.birth_year + 12:
                    continue
                pairs.add((master.index, learner.index))
                taught.add(learner.index)
                self.relations.append(PlannedRelation("apprenticeship", master.index, learner.index, start, end))

    # --- memberships ------------------------------------------------------------------------------

    def memberships(self) -> None:
        by_slug = {org.slug: org for org in self.organizations}
        presidents: set[str] = set()
        for person in self.people:
            if not person.is_alive or person.birth_year > THIS_YEAR - 20:
                continue
            if person.occupation == "artisan":
                slug = f"{self.prefix}-artisans-association-{person.region.lower()}"
                chance = 0.7
            elif person.region in MUSIC_SOCIETY_REGIONS:
                slug = f"{self.prefix}-music-society-{person.region.lower()}"
                chance = 0.6
            else:
                continue
            if self.rng.random() >= chance:
                continue
            org = by_slug[slug]
            earliest = max(org.founded_year, person.birth_year + 20)
            start = self.rng.randint(earliest, max(earliest, THIS_YEAR))
            role = "member"
            if slug not in presidents and person.birth_year < 1975:
                role = "president"
                presidents.add(slug)
            elif self.rng.random() < 0.05:
                role = "board"
            person.membership = (slug, role, start)


def _occupation(row: DisciplineRow) -> str:
    if row.slug == "aitys":
        return "akyn"
    return "musician" if row.field == "music" else "artisan"


def _biography(row: DisciplineRow, city: CityRow, occupation: str) -> dict[str, str]:
    who = {"artisan": ("шебері", "мастер", "artisan"), "akyn": ("ақыны", "акын", "akyn")}.get(
        occupation, ("орындаушысы", "исполнитель", "musician")
    )
    return {
        "kk": f"{row.name['kk']} {who[0]}, {city.name['kk']}. Демонстрациялық жазба.",
        "ru": f"{row.name['ru']}: {who[1]}, {city.name['ru']}. Демонстрационная запись.",
        "en": f"{row.name['en']} {who[2]}, {city.name['en']}. Synthetic demo record.",
    }


def plan_community(
    *, seed: int, count: int, dynasties: int | None = None, prefix: str = "demo",
    email_domain: str = DEMO_EMAIL_DOMAIN, always_email: bool = False,
) -> Community:  # fmt: skip
    """`count` people, about `dynasties` lines of transmission among them, memberships and workshops."""
    planner = Planner(seed=seed, prefix=prefix, email_domain=email_domain, always_email=always_email)
    if dynasties is None:
        dynasties = min(20, max(2, count // 15))
    number = 0
    while number < dynasties and len(planner.people) < count * 0.6:
        planner.dynasty(number, max_size=max(2, min(14, count - len(planner.people))))
        number += 1
    # Independent practitioners; the first ones go round every region so that each has someone.
    regions = [row.iso_code for row in REGIONS] if count >= 60 else []
    while len(planner.people) < count:
        planner.person(region=regions.pop(0) if regions else None)
    planner.memberships()
    planner.apprenticeships()
    people = planner.people[:count]
    kept = {p.index for p in people}
    relations = [r for r in planner.relations if r.senior in kept and r.junior in kept]
    lines = [d for d in planner.dynasties if d.founder in kept]
    return Community(people=people, relations=relations, dynasties=lines, organizations=planner.organizations)
