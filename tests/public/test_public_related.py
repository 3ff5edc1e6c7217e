"""Related items at the end of entity pages: same dynasty, craft and region; public records only, a few queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from craftcity.events.services import event_create
from craftcity.geo.models import Country, Region
from craftcity.lineage.services import dynasty_create, relation_create
from craftcity.organizations.models import Organization
from craftcity.people.models import Person
from craftcity.people.selectors import Line, Term
from craftcity.places.models import Place
from craftcity.public import related
from craftcity.taxonomy.models import CreativeField, Discipline
from craftcity.works import services as works

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(make_person):
    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts", "kk": "Қолөнер"})
    felt = Discipline.objects.create(slug="felt", field=crafts, name={"en": "Felt", "kk": "Киіз", "ru": "Войлок"})
    Discipline.objects.create(slug="leather", field=crafts, name={"en": "Leather"})  # English only
    kz = Country.objects.create(iso_code="KZ", name={"en": "Kazakhstan"})
    almaty = Region.objects.create(country=kz, iso_code="KZ-75", name={"en": "Almaty", "kk": "Алматы"})
    founder = make_person("Ата Шебер", disciplines=[felt], region=almaty, phone="+7 701 555 12 34")
    son = make_person("Бала Шебер", region=almaty)
    grandson = make_person("Немере Шебер")
    relation_create(kind="family", senior=founder, junior=son)
    relation_create(kind="family", senior=son, junior=grandson)
    dynasty_create(slug="sheber", name={"kk": "Шебер әулеті", "en": "Sheber line"}, founder=founder, discipline=felt)
    felter = make_person("Киізші Әйел", disciplines=[felt])
    neighbour = make_person("Көрші Адам", region=almaty)
    hidden = make_person("Жасырын Адам", disciplines=[felt], region=almaty, status="draft")
    return {"felt": felt, "region": almaty, "founder": founder, "son": son, "felter": felter,
            "neighbour": neighbour, "hidden": hidden, "grandson": grandson}  # fmt: skip


def _related(html: str) -> str:
    match = re.search(r'<aside class="related".*?</aside>', html, re.S)
    return match.group(0) if match else ""


def _groups(html: str) -> dict[str, list[str]]:
    """{heading: names linked} of the related block."""
    result = {}
    for heading, body in re.findall(r"<h3>(.*?)</h3>\s*<ul[^>]*>(.*?)</ul>", _related(html), re.S):
        result[re.sub(r"<[^>]+>", "", heading)] = re.findall(r'<li><a href="[^"]+">(.*?)</a></li>', body)
    return result


def test_a_person_page_shows_the_same_dynasty_craft_and_region_each_person_once(client, city):
    groups = _groups(client.get(f"/en/people/{city['founder'].pk}/").content.decode())
    assert list(groups) == ["Same dynasty: Sheber line", "Same craft: Felt", "Same region: Almaty"]
    grandson, felter, neighbour = (city[key].display_name for key in ("grandson", "felter", "neighbour"))
    # The son is linked from the page already (an apprentice in the family line): not repeated here.
    assert groups["Same dynasty: Sheber line"] == [grandson]
    assert groups["Same craft: Felt"] == [felter]
    assert groups["Same region: Almaty"] == [neighbour]
    assert city["son"].display_name not in _related(client.get(f"/en/people/{city['founder'].pk}/").content.decode())
    kk = _groups(client.get(f"/kk/people/{city['founder'].pk}/").content.decode())
    assert kk["Сол өңірден: Алматы"] == ["Көрші Адам"]  # headings and names as Kazakh readers see them


def test_related_people_are_public_and_carry_no_personal_data(client, city):
    html = _related(client.get(f"/en/people/{city['felter'].pk}/").content.decode())
    assert city["founder"].display_name in html
    assert city["hidden"].display_name not in html and "Жасырын" not in html
    assert "+7 701" not in html


def test_person_related_costs_a_fixed_number_of_queries(city, make_person, django_assert_num_queries):
    founder = Person.objects.select_related("region").get(pk=city["founder"].pk)
    for n in range(10):
        make_person(f"Киізші {n}", disciplines=[city["felt"]], region=city["region"])
    lines = [Line("sheber", {"en": "Sheber line"}, 1)]  # what the person's page read
    crafts = [Term("felt", {"en": "Felt"})]
    with django_assert_num_queries(4):  # dynasty, craft, region, then every name at once
        groups = related.related_to_person(founder, disciplines=crafts, dynasties=lines)
    assert [len(group.items) for group in groups] == [2, related.SHOWN, related.SHOWN]


def test_a_work_page_shows_more_by_the_maker_and_of_the_craft(client, city, django_assert_max_num_queries):
    maker = city["felter"]
    made = [works.work_create(title={"en": f"Felt rug {n}"}, makers=[maker], discipline=city["felt"]) for n in range(3)]
    other = works.work_create(title={"kk": "Киіз кілем"}, makers=[city["founder"]], discipline=city["felt"])
    draft = works.work_create(title={"en": "Unpublished rug"}, makers=[maker], discipline=city["felt"])
    for work in [*made, other]:
        works.work_publish(work=work)
    work = made[0]
    from craftcity.works.selectors import work_detail

    subject = work_detail(work.pk)
    with django_assert_max_num_queries(2):
        groups = related.related_to_work(subject, makers=subject.work_makers.all())
    assert [g.heading for g in groups] == ["Same maker", "Same craft"]
    html = client.get(f"/en/works/{work.pk}/").content.decode()
    block = _related(html)
    assert "Felt rug 2" in block and "Unpublished rug" not in block and draft.pk
    # A title only in Kazakh is shown with the fallback marker in English.
    assert '<span lang="kk" class="fallback"' in block and "Киіз кілем" in block
    assert f'Same maker: <a href="/en/people/{maker.pk}/">{maker.display_name}</a>' in block


def test_organization_place_event_dynasty_and_craft_pages_show_their_neighbours(client, city, make_organization):
    union = make_organization("union", name={"en": "Felt union"}, region=city["region"])
    union.disciplines.add(city["felt"])
    guild = make_organization("guild", name={"en": "Felt guild"})
    guild.disciplines.add(city["felt"])
    make_organization("hidden-org", name={"en": "Hidden org"}, region=city["region"], status="draft")
    assert _groups(client.get("/en/organizations/union/").content.decode()) == {"Same craft": ["Felt guild"]}

    for slug in ("museum", "gallery"):
        Place.objects.create(slug=slug, kind="museum", name={"en": slug.title()})
    assert _groups(client.get("/en/places/museum/").content.decode()) == {"Same kind: Museum": ["Gallery"]}

    import datetime as dt

    from django.utils import timezone

    soon = timezone.now() + dt.timedelta(days=30)
    for slug in ("fair-one", "fair-two"):
        event_create(slug=slug, kind="fair", name={"en": slug}, starts_at=soon)
    assert _groups(client.get("/en/events/fair-one/").content.decode()) == {"Same kind: Fair": ["fair-two"]}

    dynasty_create(slug="other-line", name={"en": "Other line"}, founder=city["felter"], discipline=city["felt"])
    assert _groups(client.get("/en/dynasties/sheber/").content.decode()) == {"Same craft: Felt": ["Other line"]}
    crafts = _groups(client.get("/kk/crafts/felt/").content.decode())
    assert list(crafts) == ["Сол саладан: Қолөнер"]
    assert "Leather" in crafts["Сол саладан: Қолөнер"][0] and 'class="fallback"' in crafts["Сол саладан: Қолөнер"][0]


def test_related_selectors_cost_one_query_per_group(city, make_organization, django_assert_num_queries):
    union = make_organization("union", name={"en": "Felt union"}, region=city["region"])
    union = Organization.objects.select_related("region").get(pk=union.pk)
    with django_assert_num_queries(2):  # its crafts as a subquery, and the region
        related.related_to_organization(union)
    felt = Discipline.objects.select_related("field").get(slug="felt")
    with django_assert_num_queries(1):
        related.related_to_discipline(felt)
    with CaptureQueriesContext(connection) as ctx:
        from craftcity.lineage.models import Dynasty

        related.related_to_dynasty(Dynasty.objects.select_related("discipline").get(slug="sheber"))
    assert len(ctx.captured_queries) == 2  # the dynasty itself, then its neighbours
