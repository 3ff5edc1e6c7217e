"""Reference geography: countries, the regions of Kazakhstan and its main cities, as plain data.

Loaded by `craftcity load_reference`. Rows are keyed by ISO codes (countries, regions) and by
(region, parent, kind, English name) for localities, so loading twice changes nothing. A value that
staff have already filled in is never overwritten: the loader only adds what is missing.

Sources: ISO 3166-2:KZ numeric codes (in use since Nov 2022) and the regions created on 8 Jun 2022
(Abai, Zhetisu, Ulytau; Almaty Region's centre moved to Konaev), per the research notes in
shared/anchors/designations-and-inventories.md §4. KATO region codes there are *inferred* (ISO number
followed by zeros) and marked ⚠ — check against the Bureau of National Statistics file before relying
on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

# (ISO 3166-1 alpha-2, kk, ru, en)
COUNTRIES: list[tuple[str, str, str, str]] = [
    ("KZ", "Қазақстан", "Казахстан", "Kazakhstan"),
    ("AU", "Аустралия", "Австралия", "Australia"),
    ("NZ", "Жаңа Зеландия", "Новая Зеландия", "New Zealand"),
    ("US", "Америка Құрама Штаттары", "Соединённые Штаты Америки", "United States"),
    ("KG", "Қырғызстан", "Кыргызстан", "Kyrgyzstan"),
    ("UZ", "Өзбекстан", "Узбекистан", "Uzbekistan"),
    ("TJ", "Тәжікстан", "Таджикистан", "Tajikistan"),
    ("TM", "Түрікменстан", "Туркменистан", "Turkmenistan"),
    ("AZ", "Әзербайжан", "Азербайджан", "Azerbaijan"),
    ("RU", "Ресей", "Россия", "Russia"),
    ("CN", "Қытай", "Китай", "China"),
    ("MN", "Моңғолия", "Монголия", "Mongolia"),
    ("TR", "Түркия", "Турция", "Türkiye"),
    ("IR", "Иран", "Иран", "Iran"),
    ("AE", "Біріккен Араб Әмірліктері", "Объединённые Арабские Эмираты", "United Arab Emirates"),
    ("IN", "Үндістан", "Индия", "India"),
    ("PK", "Пәкістан", "Пакистан", "Pakistan"),
    ("JP", "Жапония", "Япония", "Japan"),
    ("KR", "Корея Республикасы", "Республика Корея", "Republic of Korea"),
    ("MY", "Малайзия", "Малайзия", "Malaysia"),
    ("GB", "Ұлыбритания", "Великобритания", "United Kingdom"),
    ("FR", "Франция", "Франция", "France"),
    ("DE", "Германия", "Германия", "Germany"),
    ("BE", "Бельгия", "Бельгия", "Belgium"),
    ("NL", "Нидерланд", "Нидерланды", "Netherlands"),
    ("IT", "Италия", "Италия", "Italy"),
    ("ES", "Испания", "Испания", "Spain"),
]


@dataclass(frozen=True)
class RegionRow:
    iso_code: str
    kind: str  # "region" or "city" (city of republican significance)
    name: dict[str, str]
    capital: dict[str, str]
    kato_code: str = ""


def _names(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


# KATO codes: inferred as "<ISO number>0000000" (⚠ see the module docstring).
REGIONS: list[RegionRow] = [
    RegionRow("KZ-10", "region", _names("Абай облысы", "Абайская область", "Abai Region"),
              _names("Семей", "Семей", "Semey"), "100000000"),
    RegionRow("KZ-11", "region", _names("Ақмола облысы", "Акмолинская область", "Akmola Region"),
              _names("Көкшетау", "Кокшетау", "Kokshetau"), "110000000"),
    RegionRow("KZ-15", "region", _names("Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
              _names("Ақтөбе", "Актобе", "Aktobe"), "150000000"),
    RegionRow("KZ-19", "region", _names("Алматы облысы", "Алматинская область", "Almaty Region"),
              _names("Қонаев", "Конаев", "Konaev"), "190000000"),
    RegionRow("KZ-23", "region", _names("Атырау облысы", "Атырауская область", "Atyrau Region"),
              _names("Атырау", "Атырау", "Atyrau"), "230000000"),
    RegionRow("KZ-27", "region",
              _names("Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
              _names("Орал", "Уральск", "Oral"), "270000000"),
    RegionRow("KZ-31", "region", _names("Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
              _names("Тараз", "Тараз", "Taraz"), "310000000"),
    RegionRow("KZ-33", "region", _names("Жетісу облысы", "Область Жетысу", "Zhetisu Region"),
              _names("Талдықорған", "Талдыкорган", "Taldykorgan"), "330000000"),
    RegionRow("KZ-35", "region", _names("Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
              _names("Қарағанды", "Караганда", "Karaganda"), "350000000"),
    RegionRow("KZ-39", "region", _names("Қостанай облысы", "Костанайская область", "Kostanay Region"),
              _names("Қостанай", "Костанай", "Kostanay"), "390000000"),
    RegionRow("KZ-43", "region", _names("Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
              _names("Қызылорда", "Кызылорда", "Kyzylorda"), "430000000"),
    RegionRow("KZ-47", "region", _names("Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
              _names("Ақтау", "Актау", "Aktau"), "470000000"),
    RegionRow("KZ-55", "region", _names("Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
              _names("Павлодар", "Павлодар", "Pavlodar"), "550000000"),
    RegionRow("KZ-59", "region",
              _names("Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
              _names("Петропавл", "Петропавловск", "Petropavl"), "590000000"),
    RegionRow("KZ-61", "region", _names("Түркістан облысы", "Туркестанская область", "Turkistan Region"),
              _names("Түркістан", "Туркестан", "Turkestan"), "610000000"),
    RegionRow("KZ-62", "region", _names("Ұлытау облысы", "Улытауская область", "Ulytau Region"),
              _names("Жезқазған", "Жезказган", "Zhezkazgan"), "620000000"),
    RegionRow("KZ-63", "region",
              _names("Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
              _names("Өскемен", "Усть-Каменогорск", "Oskemen"), "630000000"),
    RegionRow("KZ-71", "city", _names("Астана", "Астана", "Astana"), _names("Астана", "Астана", "Astana"),
              "710000000"),
    RegionRow("KZ-75", "city", _names("Алматы", "Алматы", "Almaty"), _names("Алматы", "Алматы", "Almaty"),
              "750000000"),
    RegionRow("KZ-79", "city", _names("Шымкент", "Шымкент", "Shymkent"), _names("Шымкент", "Шымкент", "Shymkent"),
              "790000000"),
]  # fmt: skip


@dataclass(frozen=True)
class CityRow:
    """A city locality. Coordinates are an approximate centre, used by the demo to place workshops;
    the Locality model does not store them."""

    region: str  # ISO 3166-2 code
    name: dict[str, str]
    latitude: float
    longitude: float
    districts: list[CityRow] = field(default_factory=list)


def _district(kk: str, ru: str, en: str, lat: float, lon: float) -> CityRow:
    return CityRow("KZ-75", _names(kk, ru, en), lat, lon)


ALMATY = CityRow(
    "KZ-75",
    _names("Алматы", "Алматы", "Almaty"),
    43.2389,
    76.8897,
    districts=[
        _district("Алатау ауданы", "Алатауский район", "Alatau District", 43.2870, 76.8330),
        _district("Алмалы ауданы", "Алмалинский район", "Almaly District", 43.2520, 76.9100),
        _district("Әуезов ауданы", "Ауэзовский район", "Auezov District", 43.2230, 76.8500),
        _district("Бостандық ауданы", "Бостандыкский район", "Bostandyk District", 43.2130, 76.9050),
        _district("Жетісу ауданы", "Жетысуский район", "Zhetysu District", 43.2900, 76.9300),
        _district("Медеу ауданы", "Медеуский район", "Medeu District", 43.2380, 76.9800),
        _district("Наурызбай ауданы", "Наурызбайский район", "Nauryzbay District", 43.1900, 76.7900),
        _district("Түрксіб ауданы", "Турксибский район", "Turksib District", 43.3300, 76.9600),
    ],
)

CITIES: list[CityRow] = [
    ALMATY,
    CityRow("KZ-71", _names("Астана", "Астана", "Astana"), 51.1694, 71.4491),
    CityRow("KZ-79", _names("Шымкент", "Шымкент", "Shymkent"), 42.3417, 69.5901),
    CityRow("KZ-31", _names("Тараз", "Тараз", "Taraz"), 42.9000, 71.3667),
    CityRow("KZ-61", _names("Түркістан", "Туркестан", "Turkestan"), 43.2973, 68.2517),
    CityRow("KZ-10", _names("Семей", "Семей", "Semey"), 50.4111, 80.2275),
    CityRow("KZ-33", _names("Талдықорған", "Талдыкорган", "Taldykorgan"), 45.0156, 78.3739),
    CityRow("KZ-62", _names("Жезқазған", "Жезказган", "Zhezkazgan"), 47.7833, 67.7667),
    CityRow("KZ-19", _names("Қонаев", "Конаев", "Konaev"), 43.8667, 77.0667),
    CityRow("KZ-35", _names("Қарағанды", "Караганда", "Karaganda"), 49.8047, 73.1094),
    CityRow("KZ-15", _names("Ақтөбе", "Актобе", "Aktobe"), 50.2839, 57.1670),
    CityRow("KZ-23", _names("Атырау", "Атырау", "Atyrau"), 47.1167, 51.8833),
    CityRow("KZ-27", _names("Орал", "Уральск", "Oral"), 51.2333, 51.3667),
    CityRow("KZ-55", _names("Павлодар", "Павлодар", "Pavlodar"), 52.2873, 76.9674),
    CityRow("KZ-63", _names("Өскемен", "Усть-Каменогорск", "Oskemen"), 49.9483, 82.6278),
    CityRow("KZ-39", _names("Қостанай", "Костанай", "Kostanay"), 53.2144, 63.6246),
    CityRow("KZ-43", _names("Қызылорда", "Кызылорда", "Kyzylorda"), 44.8528, 65.5092),
    CityRow("KZ-47", _names("Ақтау", "Актау", "Aktau"), 43.6500, 51.1667),
    CityRow("KZ-59", _names("Петропавл", "Петропавловск", "Petropavl"), 54.8667, 69.1500),
    CityRow("KZ-11", _names("Көкшетау", "Кокшетау", "Kokshetau"), 53.2833, 69.3833),
]


def city_for_region(iso_code: str) -> CityRow | None:
    """The main city of a region in this table (its administrative centre or the city itself)."""
    return next((city for city in CITIES if city.region == iso_code), None)


def _named(english: str):
    return lambda obj: obj.name.get("en") == english


@transaction.atomic
def load(stats: dict | None = None) -> dict:
    """Create the reference countries, regions and cities that are missing. Returns counts of what changed."""
    from craftcity.demo.upsert import upsert_missing as _upsert

    from .models import Country, Locality, Region

    stats = {} if stats is None else stats
    countries = {}
    for iso, kk, ru, en in COUNTRIES:
        countries[iso] = _upsert(Country, {"iso_code": iso}, {"name": _names(kk, ru, en)}, stats)
    regions = {}
    for row in REGIONS:
        regions[row.iso_code] = _upsert(
            Region,
            {"iso_code": row.iso_code},
            {
                "country": countries["KZ"],
                "kind": row.kind,
                "name": row.name,
                "capital": row.capital,
                "kato_code": row.kato_code,
            },
            stats,
        )
    for city in CITIES:
        city_obj = _upsert(
            Locality,
            {"region": regions[city.region], "parent": None, "kind": Locality.Kind.CITY},
            {"country": countries["KZ"], "name": city.name},
            stats,
            match=_named(city.name["en"]),
        )
        for district in city.districts:
            _upsert(
                Locality,
                {
                    "region": regions[district.region],
                    "parent": city_obj,
                    "kind": Locality.Kind.DISTRICT,
                },
                {"country": countries["KZ"], "name": district.name},
                stats,
                match=_named(district.name["en"]),
            )
    return stats
