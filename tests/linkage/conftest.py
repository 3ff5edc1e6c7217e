"""A small registry for linkage tests: regions, crafts, and a crowd of distinct people around the pairs under test."""

import pytest

from craftcity.geo.models import Country, Region
from craftcity.taxonomy.models import CreativeField, Discipline
from namekit import KAZAKH_GIVEN_NAMES_FEMALE, KAZAKH_GIVEN_NAMES_MALE, KAZAKH_SURNAME_STEMS, make_surname

REGIONS = {
    "almaty": ("KZ-75", {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}),
    "shymkent": ("KZ-79", {"kk": "Шымкент", "ru": "Шымкент", "en": "Shymkent"}),
    "pavlodar": ("KZ-55", {"kk": "Павлодар облысы", "ru": "Павлодарская область", "en": "Pavlodar Region"}),
    "aktobe": ("KZ-15", {"kk": "Ақтөбе облысы", "ru": "Актюбинская область", "en": "Aktobe Region"}),
}
CRAFTS = {
    "felt": {"kk": "Киіз басу", "ru": "Войлок", "en": "Felt"},
    "jewellery": {"kk": "Зергерлік", "ru": "Ювелирное дело", "en": "Jewellery"},
    "pottery": {"kk": "Қыш", "ru": "Керамика", "en": "Pottery"},
}


@pytest.fixture
def regions(db):
    kz = Country.objects.create(iso_code="KZ", name={"en": "Kazakhstan"})
    return {key: Region.objects.create(country=kz, iso_code=iso, name=name) for key, (iso, name) in REGIONS.items()}


@pytest.fixture
def crafts(db):
    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts and folk art"})
    return {slug: Discipline.objects.create(slug=slug, field=field, name=name) for slug, name in CRAFTS.items()}


def forms(kk_name: str, *which: str) -> list[dict]:
    """Name forms of one Kazakh Cyrillic name, as a registrar would enter them."""
    from namekit import name_forms

    all_forms = name_forms(kk_name)
    language = {"kk_cyrl": "kk", "ru_cyrl": "ru", "kk_latn": "kk", "passport": "en", "bgn_pcgn": "en", "press": "en"}
    chosen = which or ("kk_cyrl",)
    names, primaries = [], set()
    for form in chosen:
        lang = language[form]
        names.append(
            {"full_name": all_forms[form], "form": form, "language": lang, "is_primary": lang not in primaries}
        )
        primaries.add(lang)
    return names


@pytest.fixture
def make_artisan(make_person, regions, crafts):
    """A person with name forms, birth year, region and craft."""

    def make(kk_name: str, *, name_forms=("kk_cyrl",), names=None, region="almaty", craft="felt", **fields):
        return make_person(
            names=names or forms(kk_name, *name_forms),
            region=regions[region] if region else None,
            disciplines=[crafts[craft]] if craft else [],
            **fields,
        )

    return make


@pytest.fixture
def crowd(make_artisan):
    """Forty distinct artisans, so that the matcher learns from a registry rather than from three records."""
    people = []
    male = list(KAZAKH_GIVEN_NAMES_MALE)
    female = list(KAZAKH_GIVEN_NAMES_FEMALE)
    stems = list(KAZAKH_SURNAME_STEMS)
    for k in range(40):
        gender = "male" if k % 2 else "female"
        given = (male if k % 2 else female)[(k * 7) % 40]
        surname = make_surname(stems[(k * 11 + 3) % len(stems)], gender)
        people.append(
            make_artisan(
                f"{given} {surname}",
                name_forms=("kk_cyrl", "passport") if k % 3 == 0 else ("kk_cyrl",),
                region=list(REGIONS)[k % 4],
                craft=list(CRAFTS)[k % 3],
                birth_year=1950 + (k * 13) % 50,
            )
        )
    return people
