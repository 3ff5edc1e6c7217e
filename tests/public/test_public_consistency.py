"""One name per person in each language on every page that names them; figures that agree with the dossier;
JSON-LD that points to the page's own language; fallbacks marked; counts grouped as each language writes them."""

import re
from unittest import mock

import pytest
from django.core.paginator import Paginator
from django.utils import timezone, translation
from jsonld import page_jsonld

from craftcity.dossier.selectors import indicators_as_of
from craftcity.events.services import event_create
from craftcity.geo.models import Country, Region
from craftcity.lineage.services import dynasty_create, relation_create
from craftcity.linkage.services import person_merge
from craftcity.organizations.models import Organization
from craftcity.places.models import Place
from craftcity.search.services import index_rebuild
from craftcity.taxonomy.models import CreativeField, Discipline
from craftcity.works import services as works

LANGUAGES = ("kk", "ru", "en")


_jsonld = page_jsonld


@pytest.fixture
def maker_and_work(make_person):
    """A maker with a Kazakh name and the forms derived from it (Russian spelling, Latin), and her work."""
    maker = make_person("Айгүл Сәрсенбаева")
    work = works.work_create(title={"kk": "Кесе", "ru": "Чаша", "en": "Bowl"}, makers=[maker])
    works.work_publish(work=work)
    return maker, work


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_person_is_named_identically_on_card_work_page_suggestion_and_json_ld(client, maker_and_work, language):
    maker, work = maker_and_work
    index_rebuild()
    with translation.override(language):
        name = maker.name_in(language).full_name
    assert len({maker.name_in(code).full_name for code in LANGUAGES}) > 1  # the languages do differ

    people = client.get(f"/{language}/people/").content.decode()
    assert f"<strong>{name}</strong>" in people  # the person card
    person = client.get(f"/{language}/people/{maker.pk}/").content.decode()
    assert f"<h1>{name}</h1>" in person
    (person_ld,) = _jsonld(person)
    assert person_ld["name"] == name

    page = client.get(f"/{language}/works/{work.pk}/").content.decode()
    assert f'<a href="/{language}/people/{maker.pk}/">{name}</a>' in page
    other_forms = [form.full_name for form in maker.names.all() if form.full_name != name]
    makers = re.search(r"<dd>(.*?)</dd>", page[page.index("Makers") if "Makers" in page else 0 :], re.S)
    assert not any(form in (makers.group(1) if makers else page) for form in other_forms)  # shown once
    (work_ld,) = _jsonld(page)
    assert work_ld["creator"] == [
        {"@type": "Person", "name": name, "url": f"http://testserver/{language}/people/{maker.pk}/"}
    ]

    suggestions = client.get(f"/{language}/search/suggest/", {"q": "Sarsenbayeva"}).json()["results"]
    by_type = {hit["type"]: hit for hit in suggestions}
    assert by_type["person"]["title"] == name
    assert by_type["work"]["subtitle"] == name  # the work's maker, once


@pytest.mark.django_db
def test_the_json_ld_of_a_kazakh_page_links_to_the_kazakh_page(client, maker_and_work, make_organization):
    maker, work = maker_and_work
    make_organization("union", name={"kk": "Одақ", "en": "Union"})
    for path in (f"/people/{maker.pk}/", f"/works/{work.pk}/", "/organizations/union/"):
        (data,) = _jsonld(client.get(f"/kk{path}").content.decode())
        url = f"http://testserver/kk{path}"
        assert data["@id"] == data["url"] == url
        page = data["mainEntityOfPage"]
        assert page["url"] == url and page["inLanguage"] == "kk"
        assert {(t["inLanguage"], t["url"]) for t in page["workTranslation"]} == {
            ("ru", f"http://testserver/ru{path}"),
            ("en", f"http://testserver/en{path}"),
        }
    (work_ld,) = _jsonld(client.get(f"/kk/works/{work.pk}/").content.decode())
    assert work_ld["inLanguage"] == "kk"  # a CreativeWork says its language itself


@pytest.mark.django_db
def test_every_untranslated_name_carries_the_fallback_marker_in_the_readers_language(client, make_person):
    crafts = CreativeField.objects.create(slug="crafts", name={"kk": "Қолөнер", "en": "Crafts"})
    felt = Discipline.objects.create(slug="felt", field=crafts, name={"en": "Felt making"})
    kz = Country.objects.create(iso_code="KZ", name={"kk": "Қазақстан", "en": "Kazakhstan"})
    region = Region.objects.create(country=kz, iso_code="KZ-75", name={"ru": "Алматы (ru)"})
    person = make_person("Киізші Әйел", disciplines=[felt], region=region)
    venue = Place.objects.create(slug="hall", kind="venue", name={"en": "Concert hall"})
    org = Organization.objects.create(slug="guild", kind="union", name={"en": "Felt guild"})
    org.disciplines.add(felt)
    work = works.work_create(title={"en": "Felt rug"}, makers=[person], discipline=felt)
    works.work_publish(work=work)
    soon = timezone.now() + timezone.timedelta(days=3)
    event_create(
        slug="fair", kind="fair", name={"en": "Felt fair"}, description={"en": "Rugs and yurts."}, starts_at=soon,
        place=venue,
    )  # fmt: skip
    month = timezone.localtime(soon).strftime("%Y-%m")
    marker = 'class="fallback" title="Әлі аударылмаған; in English көрсетілген">'
    pages = {
        "/kk/people/": ["Felt making"],
        f"/kk/people/{person.pk}/": ["Felt making"],
        "/kk/events/": ["Felt fair", "Concert hall"],
        f"/kk/events/?view=month&month={month}": ["Felt fair"],
        "/kk/events/fair/": ["Felt fair", "Concert hall", "Rugs and yurts."],
        f"/kk/works/{work.pk}/": ["Felt rug", "Felt making"],
        "/kk/works/": ["Felt rug", "Felt making"],
        "/kk/organizations/": ["Felt guild"],
        "/kk/organizations/guild/": ["Felt guild"],
        "/kk/places/hall/": ["Concert hall"],
        "/kk/crafts/felt/": ["Felt making"],
    }
    for path, texts in pages.items():
        html = client.get(path).content.decode()
        for text in texts:
            assert f'<span lang="en" {marker}{text}</span>' in html, (path, text)
    assert '<span lang="ru" class="fallback"' in client.get("/kk/people/").content.decode()  # the region
    # A reader of the language the text is in gets no marker.
    assert (
        'class="fallback"'
        not in client.get("/en/events/fair/").content.decode().split("<main")[1].split('class="related"')[0]
    )


@pytest.mark.django_db(transaction=True)
def test_search_results_mark_an_untranslated_title(client):
    event_create(slug="fair", kind="fair", name={"en": "Felt fair"}, starts_at=timezone.now() + timezone.timedelta(1))
    index_rebuild()
    html = client.get("/ru/search/", {"q": "Felt fair"}).content.decode()
    assert '<span lang="en" class="fallback"' in html and "Felt fair</span>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [("kk", "12\xa0345"), ("ru", "12\xa0345"), ("en", "12,345")]
)  # fmt: skip
def test_counts_on_people_and_search_lists_are_grouped_per_language(client, make_person, language, expected):
    make_person("Айжан Беккулова")
    with mock.patch.object(Paginator, "count", new_callable=mock.PropertyMock, return_value=12345):
        html = client.get(f"/{language}/people/").content.decode()
    assert re.search(rf'<p class="muted"[^>]*>[^<]*{expected}[^<]*</p>', html), html[:0]


@pytest.mark.django_db
def test_the_home_page_and_the_dossier_count_dynasties_organizations_and_practitioners_alike(
    client, make_person, make_user, make_organization
):
    registrar = make_user(role="registrar", is_staff=True)
    kz = Country.objects.create(iso_code="KZ", name={"en": "Kazakhstan"})
    almaty = Region.objects.create(country=kz, iso_code="KZ-75", name={"en": "Almaty"})
    astana = Region.objects.create(country=kz, iso_code="KZ-71", name={"en": "Astana"})
    founder, son = make_person("Ата Шебер", occupation="artisan"), make_person("Бала Шебер", occupation="artisan")
    relation_create(kind="family", senior=founder, junior=son)
    dynasty_create(slug="line", name={"en": "Line"}, founder=founder)
    twin, twin_son = make_person("Ата Шеберов", occupation="artisan"), make_person("Ұл", occupation="artisan")
    relation_create(kind="family", senior=twin, junior=twin_son)
    dynasty_create(slug="twin-line", name={"en": "Twin line"}, founder=twin)
    person_merge(actor=registrar, keep=founder, absorb=twin, field_choices={})  # a merge moves the line
    make_person("Жасырын", region=astana, status="draft")  # a draft: its region is not one of the city's
    make_person("Алматылық", region=almaty)
    make_organization("union")
    make_organization("draft-union", status="draft")

    today = indicators_as_of(timezone.localdate())
    page = client.get("/en/").content.decode()
    figures = page[page.index('id="figures-heading"') :]
    for label, code in (("Practitioners", "practitioners"), ("Dynasties", "dynasties"),
                        ("Organizations", "organizations")):  # fmt: skip
        assert f"<dt>{label}</dt><dd>{today[code].total}</dd>" in figures, label
    assert "<dt>Organizations</dt><dd>1</dd>" in figures  # the draft is not counted
    assert "<dt>Regions</dt><dd>1</dd>" in figures  # Almaty; Astana has only a draft
