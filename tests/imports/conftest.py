"""Real files, as regional offices send them, written to tmp_path; and a small slice of reference data."""

import pytest

from craftcity.geo.models import Country, Locality, Region
from craftcity.organizations.models import Membership, Organization
from craftcity.people.models import Person, PersonName
from craftcity.taxonomy.models import CreativeField, Discipline


@pytest.fixture
def reference(db):
    """Three regions, a locality and three disciplines, named in kk/ru/en as load_reference names them."""
    kz = Country.objects.create(iso_code="KZ", name={"kk": "Қазақстан", "ru": "Казахстан", "en": "Kazakhstan"})
    regions = {
        "turkistan": Region.objects.create(
            country=kz,
            iso_code="KZ-61",
            name={"kk": "Түркістан облысы", "ru": "Туркестанская область", "en": "Turkistan Region"},
        ),
        "almaty": Region.objects.create(
            country=kz, kind="city", iso_code="KZ-75", name={"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}
        ),
        "almaty_region": Region.objects.create(
            country=kz,
            iso_code="KZ-19",
            name={"kk": "Алматы облысы", "ru": "Алматинская область", "en": "Almaty Region"},
        ),
    }
    Locality.objects.create(
        country=kz, region=regions["turkistan"], name={"kk": "Түркістан", "ru": "Туркестан", "en": "Turkestan"}
    )
    crafts = CreativeField.objects.create(slug="crafts-and-folk-art", name={"en": "Crafts and folk art"})
    disciplines = {
        slug: Discipline.objects.create(field=crafts, slug=slug, name=name)
        for slug, name in [
            ("jewellery", {"kk": "Зергерлік өнер", "ru": "Ювелирное искусство", "en": "Jewellery (zergerlik)"}),
            ("felt", {"kk": "Киіз басу", "ru": "Войлоковаляние", "en": "Felt making"}),
            ("pottery", {"kk": "Қыш құмыра", "ru": "Гончарство и керамика", "en": "Pottery and ceramics"}),
        ]
    }
    return {"country": kz, "regions": regions, "disciplines": disciplines}


@pytest.fixture
def registrar(make_user):
    return make_user("registrar", role="registrar")


def registry_snapshot() -> dict:
    """Every registry row an import may touch, as plain values: equal snapshots mean an identical registry."""
    return {
        "people": list(Person.objects.order_by("pk").values()),
        "names": list(PersonName.objects.order_by("pk").values()),
        "organizations": list(Organization.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "disciplines": list(Person.disciplines.through.objects.order_by("pk").values()),
    }


@pytest.fixture
def snapshot():
    return registry_snapshot
