"""An unpublished work never shows: pages, manifests, OAI-PMH, API, open-data dumps, search."""

import json

import pytest

from craftcity.search.services import index_rebuild, search
from craftcity.works import services
from craftcity.works.opendata import dump_open_data

from .conftest import upload

SECRET = "Құпия жоба"


@pytest.fixture
def draft(make_work, collection, gps_jpeg):
    work = make_work({"kk": SECRET, "en": "Secret draft"}, publish=False, collection=collection, accession_number="S-1")
    services.work_image_add(work=work, upload=upload(gps_jpeg))
    return work


@pytest.fixture
def withdrawn(make_work):
    work = make_work({"en": "Withdrawn piece"})
    services.work_withdraw(work=work)
    return work


def test_drafts_and_withdrawn_works_never_leak(client, draft, withdrawn, make_work, tmp_path, collection):
    shown = make_work({"en": "Shown piece"}, collection=collection)
    image = draft.images.get()
    for url in (
        f"/en/works/{draft.pk}/",
        f"/en/works/{withdrawn.pk}/",
        f"/iiif/works/{draft.pk}/manifest.json",
        f"/iiif/works/{withdrawn.pk}/manifest.json",
        f"/iiif/images/{image.pk}/info.json",
        f"/iiif/images/{image.pk}/full/max/0/default.jpg",
        f"/api/v1/works/{draft.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    for url in ("/en/works/", "/en/collections/museum/", "/iiif/collections/museum/collection.json", "/api/v1/works/"):
        body = client.get(url).content.decode()
        assert "Shown piece" in body and "Secret draft" not in body and "Withdrawn piece" not in body, url
    oai = client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc").content.decode()
    assert f"work/{draft.pk}<" not in oai and "Secret draft" not in oai and "Withdrawn piece" not in oai
    assert f"work/{shown.pk}<" in oai
    record = client.get(
        f"/oai/?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:craftcity:work/{draft.pk}"
    ).content.decode()
    assert 'code="idDoesNotExist"' in record

    counts = dump_open_data(out=tmp_path, base="https://example.org")
    assert counts["works"] == 1
    for name in ("works.csv", "works.jsonld"):
        text = (tmp_path / name).read_text()
        assert "Shown piece" in text and "Secret draft" not in text and SECRET not in text
    json.loads((tmp_path / "works.jsonld").read_text())

    index_rebuild()
    assert not [hit for hit in search("Secret draft") if hit.kind == "work"]
    assert [hit for hit in search("Shown piece") if hit.kind == "work"]


@pytest.mark.django_db(transaction=True)
def test_a_published_work_leaves_search_when_withdrawn(make_work):
    work = make_work({"en": "Zhetisu bowl"})  # each service commits, so the index follows at once
    assert [hit for hit in search("Zhetisu bowl") if hit.kind == "work"]
    services.work_withdraw(work=work)
    assert not [hit for hit in search("Zhetisu bowl") if hit.kind == "work"]
