"""Real files, as regional offices send them, written to tmp_path; and a small slice of reference data."""

import csv
import io

import openpyxl
import pytest

from craftcity.geo.models import Country, Locality, Region
from craftcity.organizations.models import Membership, Organization
from craftcity.people.models import Person, PersonName
from craftcity.taxonomy.models import CreativeField, Discipline

HEADER_RU = ["№", "ФИО", "Год рождения", "Пол", "Телефон", "E-mail", "Область", "Ремесло", "Организация"]
HEADER_KK = ["№", "Аты-жөні", "Туған жылы", "Жынысы", "Телефон", "Электрондық пошта", "Облыс", "Қолөнер түрі", "Ұйым"]
HEADER_EN = ["No", "Full name", "Birth year", "Gender", "Phone", "Email", "Region", "Craft", "Organization"]

ROWS = [
    ["1", "Беккулова Айжан Серікқызы", "1975", "ж", "8 (701) 123-45-67", "Aizhan@Mail.KZ", "Түркістан облысы",
     "Зергерлік өнер", "Түркістан шеберлері"],
    ["2", "Иванов Пётр Сергеевич", "1980", "м", "+7 777 765 43 21", "", "Туркестанская область", "керамика",
     "Түркістан шеберлері"],
    ["3", "Nurlan Abenov", "1968", "male", "87051112233", "nurlan@example.com", "Almaty", "felt", ""],
]  # fmt: skip
# What a Windows-1251 or KOI8-R file can hold: no Kazakh letters, so Russian spellings.
ROWS_RU = [
    ["1", "Беккулова Айжан Сериковна", "1975", "ж", "8 (701) 123-45-67", "aizhan@mail.kz", "Туркестанская область",
     "Ювелирное искусство", "Ассоциация мастеров Туркестана"],
    ["2", "Иванов Пётр Сергеевич", "1980", "м", "+7 777 765 43 21", "", "Туркестанская область", "керамика",
     "Ассоциация мастеров Туркестана"],
    ["3", "Ахметова Гульнара", "1990", "ж", "87051112233", "", "г. Алматы", "войлок", ""],
]  # fmt: skip


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


def write_csv(path, rows, *, encoding="utf-8", delimiter=",", title_rows=()):
    buffer = io.StringIO(newline="")
    for title in title_rows:
        buffer.write(f"{title}\r\n")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path, rows, *, merges=(), title_rows=()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for title in title_rows:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


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
