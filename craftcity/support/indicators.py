"""Funding in the dossier, as of any date: grants decided by the day and not cancelled by it, read from
the grants' history. Amounts are summed in the programmes' currency (KZT by default; other currencies are
counted among recipients and listed apart in the measures)."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from craftcity.dossier.asof import rows_as_of
from craftcity.dossier.indicators import AGE_BANDS, NOT_STATED, Indicator, Result, Row, T, Table, age_band, register
from craftcity.geo.models import Region
from craftcity.people.models import Person
from craftcity.taxonomy.models import Discipline

from .models import Grant, Programme

YOUNG_UP_TO = 35  # "young artisans": aged 35 or under in the year, as the city's youth grants count them
HOME_CURRENCY = getattr(settings, "CRAFTCITY_CURRENCY", "KZT")


def grants_as_of(snap) -> list[tuple]:
    """(id, programme_id, person_id, organization_id, amount, decided_on) of the grants in force on the day."""
    rows = rows_as_of(
        Grant, snap.at, ["programme_id", "person_id", "organization_id", "amount", "decided_on", "cancelled_on"]
    )
    return [row[:6] for row in rows if row[5] <= snap.day and (row[6] is None or row[6] > snap.day)]


def _money(value: Decimal) -> int:
    return int(value.quantize(Decimal(1)))


def funding(snap) -> Result:
    grants = grants_as_of(snap)
    currency = dict(Programme.objects.values_list("pk", "currency"))
    people = snap.people
    year = snap.year
    recipients = {(person, org) for _id, _p, person, org, _a, _d in grants}
    first_year: dict = {}
    for _id, _p, person, org, _amount, decided in grants:
        key = (person, org)
        first_year[key] = min(first_year.get(key, decided.year), decided.year)
    in_year = [g for g in grants if g[5].year == year]
    first_timers = {(g[2], g[3]) for g in in_year if first_year[(g[2], g[3])] == year}
    people_funded = {g[2] for g in grants if g[2] is not None}
    young = {
        p
        for p in people_funded
        if people.get(p) and people[p].birth_year and year - people[p].birth_year <= YOUNG_UP_TO
    }

    by: dict[str, dict] = {
        name: defaultdict(lambda: [set(), Decimal(0)]) for name in ("craft", "region", "gender", "age_band")
    }
    other_currencies: Counter = Counter()
    for _id, programme, person, _org, amount, _decided in grants:
        home = currency.get(programme, HOME_CURRENCY) == HOME_CURRENCY
        if not home:
            other_currencies[currency.get(programme)] += amount
        row = people.get(person) if person else None
        keys = {
            "craft": snap.person_disciplines.get(person, ()) or (None,) if person else (None,),
            "region": (row.region_id if row else None,),
            "gender": ((row.gender or None) if row else None,),
            "age_band": (age_band(row.birth_year, year) if row else None,),
        }
        for name, values in keys.items():
            for value in values:
                cell = by[name][value]
                cell[0].add((person, _org))
                if home:
                    cell[1] += amount
    labels = {
        "craft": {d.pk: d.name for d in Discipline.objects.all()},
        "region": {r.pk: r.name for r in Region.objects.all()},
        "gender": {k: v for k, v in Person.Gender.choices if k},
        "age_band": {label: label for *_b, label in AGE_BANDS},
    }
    columns = (_("recipients"), _("amount (%(currency)s)") % {"currency": HOME_CURRENCY})

    def breakdown(name: str) -> Table:
        return Table(
            name,
            columns,
            [
                Row(
                    str(key if key is not None else ""),
                    labels[name].get(key, NOT_STATED),
                    (len(cell[0]), _money(cell[1])),
                )
                for key, cell in by[name].items()
            ],
        )

    total_home = sum(
        (a for _i, p, _pe, _o, a, _d in grants if currency.get(p, HOME_CURRENCY) == HOME_CURRENCY), Decimal(0)
    )
    measures = [
        Row("grants", _("Grants in force"), (len(grants),)),
        Row("recipients", _("Recipients"), (len(recipients),)),
        Row("amount", _("Amount (%(currency)s)") % {"currency": HOME_CURRENCY}, (_money(total_home),)),
        Row("first_time", _("First-time recipients in the year"), (len(first_timers),)),
        Row("young", _("Young recipients (aged %(age)d or under)") % {"age": YOUNG_UP_TO}, (len(young),)),
        Row(
            "young_share",
            _("Share of young artisans among people funded"),
            (f"{len(young) / len(people_funded):.0%}" if people_funded else "—",),
        ),
        *[Row(f"amount_{code}", _("Amount (%(currency)s)") % {"currency": code}, (_money(value),))
          for code, value in sorted(other_currencies.items())],
    ]  # fmt: skip
    return Result(
        total=len(recipients),
        tables=[
            Table("measure", (_("value"),), measures),
            *[breakdown(n) for n in ("craft", "region", "gender", "age_band")],
        ],
    )


register(
    Indicator(
        "funding",
        T("Қолдау: гранттар мен стипендиялар", "Поддержка: гранты и стипендии", "Support: grants and scholarships"),
        T(
            "Күнге дейін шешілген және күші жойылмаған гранттар, стипендиялар, резиденциялар, субсидиялар және "
            "сыйлық қаражаты: алушылар мен сомасы бағыт, өңір, жыныс және жас тобы бойынша; жылдағы алғаш алғандар "
            "және 35 жасқа дейінгі жастардың үлесі. Жиыны — алушылар саны.",
            "Гранты, стипендии, резиденции, субсидии и премии, решённые к дате и не отменённые: получатели и суммы "
            "по направлениям, регионам, полу и возрасту; впервые получившие в году и доля молодых (до 35 лет). "
            "Итог — число получателей.",
            "Grants, scholarships, residencies, subsidies and prize money decided by the date and not cancelled: "
            "recipients and amounts by craft, region, gender and age band; first-time recipients in the year and "
            "the share of young artisans (35 or under). The total counts recipients.",
        ),
        ("measure", "craft", "region", "gender", "age_band"),
        funding,
        section="support",
    )
)


def _music_disciplines() -> set[int]:
    from craftcity.taxonomy.models import Discipline

    return set(Discipline.objects.filter(field__slug="music").values_list("pk", flat=True))


def music_young_grants(snap) -> Result:
    """Grants and scholarships in force to young musicians: people of a music discipline aged YOUNG_UP_TO or
    under in the year (the city's youth grants count them so)."""
    music = _music_disciplines()
    year = snap.year
    in_force = grants_as_of(snap)
    # Only the grant holders are read (as they were at the moment), not the whole registry of people.
    holders = {row[2] for row in in_force if row[2]}
    people, disciplines = snap.people_among(holders), snap.disciplines_among(holders)
    grants = []
    for row in in_force:
        person = people.get(row[2]) if row[2] else None
        if person is None or not person.birth_year or year - person.birth_year > YOUNG_UP_TO:
            continue
        if music & set(disciplines.get(row[2], ())):
            grants.append(row)
    currency = dict(Programme.objects.values_list("pk", "currency"))
    names = {p.pk: p.name for p in Programme.objects.all()}
    by_programme: dict = defaultdict(lambda: [set(), Decimal(0)])
    for _id, programme, person, _org, amount, _decided in grants:
        cell = by_programme[programme]
        cell[0].add(person)
        if currency.get(programme, HOME_CURRENCY) == HOME_CURRENCY:
            cell[1] += amount
    recipients = {row[2] for row in grants}
    in_year = [row for row in grants if row[5].year == year]
    columns = (_("recipients"), _("amount (%(currency)s)") % {"currency": HOME_CURRENCY})
    return Result(
        total=len(recipients),
        tables=[
            Table(
                "measure",
                (_("value"),),
                [
                    Row("grants", _("Grants in force to young musicians"), (len(grants),)),
                    Row("recipients", _("Young musicians funded"), (len(recipients),)),
                    Row("decided_in_year", _("Decided in the year"), (len(in_year),)),
                    Row("amount", _("Amount (%(currency)s)") % {"currency": HOME_CURRENCY},
                        (_money(sum((c[1] for c in by_programme.values()), Decimal(0))),)),
                ],
            ),
            Table(
                "programme",
                columns,
                [Row(str(pk), names.get(pk, NOT_STATED), (len(cell[0]), _money(cell[1])))
                 for pk, cell in by_programme.items()],
            ),
        ],
    )  # fmt: skip


register(
    Indicator(
        "music_young_grants",
        T("Жас музыканттарға гранттар", "Гранты молодым музыкантам", "Grants to young musicians"),
        T(
            "Күнге дейін шешілген және күші жойылмаған гранттар мен стипендиялар: музыка бағытындағы 35 жасқа "
            "дейінгі алушылар, бағдарлама бойынша. Жиыны — жас музыканттар саны.",
            "Гранты и стипендии, решённые к дате и не отменённые, получателям музыкальных направлений не старше "
            "35 лет, по программам. Итог — число молодых музыкантов.",
            "Grants and scholarships decided by the date and not cancelled, to people of a music discipline aged 35 "
            "or under in the year, by programme. The total counts young musicians funded.",
        ),
        ("measure", "programme"),
        music_young_grants,
        section="music",
    )
)
