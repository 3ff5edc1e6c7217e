"""Public pages, schema.org VisualArtwork, facets, the API (read for all, write by the rules), open data."""

import json

import pytest
from django.core.management import call_command
from django.utils import translation
from jsonld import page_jsonld

from craftcity.search.services import index_rebuild, search
from craftcity.works import services
from craftcity.works.models import Work


def _jsonld(html: str) -> dict:
    (data,) = page_jsonld(html)
    return data


def test_work_page_shows_the_work_with_visualartwork_jsonld(client, make_work, crafts, collection):
    work = make_work(
        {"kk": "Өртеке", "en": "Orteke"},
        discipline=crafts["jewellery"],
        year_from=2023,
        year_to=2024,
        collection=collection,
        accession_number="KP-7",
        provenance=[{"kind": "made", "year_from": 2023}, {"kind": "exhibited", "year_from": 2025, "place": "Almaty"}],
    )
    html = client.get(f"/en/works/{work.pk}/").content.decode()
    assert "Orteke" in html and "2023–2024" in html and "KP-7" in html and "Exhibited" in html
    data = _jsonld(html)
    assert data["@type"] == "VisualArtwork" and data["name"] == "Orteke"
    assert data["dateCreated"] == "2023–2024" and data["artform"] == "Jewellery"
    assert data["creator"][0]["name"].startswith("Sheber")  # English page: the Latin form
    kk = client.get(f"/kk/works/{work.pk}/").content.decode()
    assert "Өртеке" in kk


def test_works_list_facets_narrow_the_list(client, make_work, crafts):
    make_work({"en": "Felt one"}, discipline=crafts["felt"])
    make_work({"en": "Ring one"}, discipline=crafts["jewellery"])
    everything = client.get("/en/works/").content.decode()
    assert "Felt one" in everything and "Ring one" in everything and "?discipline=felt" in everything
    felt = client.get("/en/works/?discipline=felt").content.decode()
    assert "Felt one" in felt and "Ring one" not in felt


def test_works_list_query_count_does_not_grow_with_works(client, make_work, django_assert_max_num_queries):
    for _ in range(12):
        make_work()
    with django_assert_max_num_queries(16):
        assert client.get("/en/works/").status_code == 200


def test_exhibition_page_lists_published_works_with_captions(client, make_work):
    shown, hidden = make_work({"en": "Shown"}), make_work({"en": "Hidden"}, publish=False)
    services.exhibition_create(
        slug="sheber",
        title={"en": "Sheber finalists"},
        city="Almaty",
        items=[{"work": shown, "caption": {"en": "A fine ring"}}, {"work": hidden, "caption": {"en": "secret"}}],
    )
    html = client.get("/en/exhibitions/sheber/").content.decode()
    assert "A fine ring" in html and "secret" not in html and "Hidden" not in html
    assert "Sheber finalists" in client.get("/en/exhibitions/").content.decode()
    assert "Works" in client.get("/en/").content.decode()  # main navigation


def test_api_reads_for_everyone_and_writes_by_the_rules(client, make_user, make_person, make_work):
    visible = make_work({"en": "Public"})
    make_work({"en": "Draft"}, publish=False)
    listing = client.get("/api/v1/works/").json()
    assert [w["title"]["en"] for w in listing["results"]] == ["Public"]
    assert listing["results"][0]["manifest"].endswith(f"/iiif/works/{visible.pk}/manifest.json")
    assert client.post("/api/v1/works/", {"title": {"en": "x"}}, content_type="application/json").status_code in (
        401,
        403,
    )

    artisan = make_user(role="artisan")
    me = make_person("Өз Шебер", user=artisan)
    client.force_login(artisan)
    created = client.post(
        "/api/v1/works/", {"title": {"en": "My bowl"}, "makers": [me.pk]}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "draft"
    pk = created.json()["id"]
    bad = client.patch(f"/api/v1/works/{pk}/", {"year_from": 2020, "year_to": 2001}, content_type="application/json")
    assert bad.status_code == 400 and "year_to" in bad.json()["error"]["fields"]
    assert client.post(f"/api/v1/works/{pk}/publish/").status_code == 403
    assert (
        client.patch(f"/api/v1/works/{visible.pk}/", {"dimensions": "1"}, content_type="application/json").status_code
        == 403
    )

    curator = make_user(role="curator")
    client.force_login(curator)
    assert client.post(f"/api/v1/works/{pk}/publish/").json()["status"] == "published"
    assert Work.objects.get(pk=pk).is_published


def test_open_data_command_and_page(client, make_work, make_person, settings, tmp_path):
    settings.CRAFTCITY_OPEN_DATA_DIR = tmp_path
    make_work({"en": "Dumped"})
    make_person("Жасырын Адам", email="hidden@example.org")
    make_person("Ашық Адам", email="open@example.org", is_email_public=True)
    call_command("dump_open_data", "--out", str(tmp_path), "--base-url", "https://example.org")
    people = (tmp_path / "people.csv").read_text()
    assert "open@example.org" in people and "hidden@example.org" not in people
    graph = json.loads((tmp_path / "works.jsonld").read_text())
    dataset, work = graph["@graph"][:2]
    assert dataset["@type"] == "Dataset" and dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert work["@type"] == "VisualArtwork"
    page = client.get("/en/open-data/").content.decode()
    assert "works.csv" in page and "CC BY 4.0" in page
    download = client.get("/en/open-data/works.csv")
    assert b"Dumped" in b"".join(download.streaming_content)
    assert client.get("/en/open-data/..%2Fsecret").status_code == 404


def test_works_indicator_counts_published_and_exhibited(make_work):
    import datetime as dt

    from craftcity.dossier.asof import Snapshot
    from craftcity.dossier.indicators import REGISTRY, compute

    shown = make_work()
    make_work()
    make_work(publish=False)
    services.exhibition_create(slug="e", title={"en": "E"}, items=[{"work": shown}])
    result = compute(REGISTRY["works"], Snapshot(dt.date.today()))
    assert result.total == 2
    measures = {row.key: row.values[0] for row in result.table("measure").rows}
    assert measures == {"catalogued": 2, "exhibited": 1}


def test_curators_create_collections_and_exhibitions_through_the_api(client, make_user, make_work):
    work = make_work({"en": "Ring"})
    body = {
        "slug": "sheber",
        "title": {"en": "Sheber"},
        "city": "Almaty",
        "items": [{"work": work.pk, "caption": {"en": "c"}}],
    }
    assert client.post("/api/v1/exhibitions/", body, content_type="application/json").status_code in (401, 403)
    client.force_login(make_user(role="artisan"))
    assert (
        client.post(
            "/api/v1/collections/", {"slug": "c", "name": {"en": "C"}}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(make_user(role="curator"))
    created = client.post("/api/v1/exhibitions/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["works"][0]["caption"] == {"en": "c"}
    assert (
        client.post(
            "/api/v1/collections/", {"slug": "c", "name": {"en": "C"}}, content_type="application/json"
        ).status_code
        == 201
    )
    bad = dict(body, slug="late", starts_on="2025-10-05", ends_on="2025-10-01", items=[])
    response = client.post("/api/v1/exhibitions/", bad, content_type="application/json")
    assert response.status_code == 400 and "closes before it opens" in str(response.json())


def test_sitemap_lists_published_works_only(client, make_work):
    shown, hidden = make_work(), make_work(publish=False)
    xml = client.get("/sitemap-works.xml").content.decode()
    assert f"/works/{shown.pk}/" in xml and f"/works/{hidden.pk}/" not in xml


@pytest.mark.django_db(transaction=True)
def test_a_work_is_found_by_its_makers_name_in_another_script(make_work, make_person, crafts):
    maker, helper = make_person("Айгүл Сәрсенбаева"), make_person("Ерлан Ташенов")
    work = make_work({"kk": "Кесе", "en": "Bowl"}, makers=[maker, helper], discipline=crafts["felt"])
    make_work({"en": "Carpet"})  # by someone else

    def found():
        return [(h.object_id, h.title, h.subtitle, h.facets) for h in search("Aigul Sarsenbayeva") if h.kind == "work"]

    hits = found()  # indexed when the work was published
    assert [(pk, title, facets) for pk, title, _makers, facets in hits] == [(work.pk, "Bowl", {"discipline": ["felt"]})]
    # The subtitle names each maker once, as the reader's language writes them, not in every spelling.
    assert hits[0][2] == f"{maker.display_name}, {helper.display_name}" == "Aigul Sarsenbayeva, Yerlan Tashenov"
    with translation.override("kk"):
        assert [h.subtitle for h in search("Aigul Sarsenbayeva") if h.kind == "work"] == [
            "Айгүл Сәрсенбаева, Ерлан Ташенов"
        ]
    index_rebuild(["work"])
    assert found() == hits  # the same after a rebuild
