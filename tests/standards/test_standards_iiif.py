"""IIIF Presentation 3 and Image 3 as the IIIF presentation-validator reads them (its own JSON Schema, shipped),
plus the MUSTs of the specification that a schema cannot say."""

import io
import json

import pytest
from PIL import Image

from craftcity.works import services
from craftcity.works.models import Collection, Work
from standards.validators import iiif_errors

pytestmark = pytest.mark.django_db

PRESENTATION_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
IMAGE_TYPE = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'


def _canvases(manifest: dict) -> list[dict]:
    return [item for item in manifest["items"] if item["type"] == "Canvas"]


def test_every_published_work_of_the_demo_has_a_manifest_the_validator_accepts(client, demo_city):
    works = list(Work.objects.public())
    with_images = [w for w in works if w.images.exists()]
    assert with_images and len(with_images) < len(works), "the demo must hold works with and without images"
    for work in works:
        response = client.get(f"/iiif/works/{work.pk}/manifest.json")
        assert response.status_code == 200
        assert response["Content-Type"].replace(" ", "") == PRESENTATION_TYPE
        assert response["Access-Control-Allow-Origin"] == "*"
        manifest = response.json()
        assert iiif_errors(manifest) == [], (work, iiif_errors(manifest))
        # §3.4: a Manifest MUST have at least one Canvas; every canvas has a painting annotation to show.
        assert _canvases(manifest), work
        for canvas in _canvases(manifest):
            assert canvas["width"] > 0 and canvas["height"] > 0
            assert canvas["items"][0]["items"][0]["motivation"] == "painting"
        # §3.3.1: rights is one of the Creative Commons or RightsStatements.org URIs, as the validator spells them.
        assert manifest["rights"].startswith(("http://creativecommons.org/", "http://rightsstatements.org/vocab/"))
        assert manifest["provider"][0]["type"] == "Agent" and manifest["provider"][0]["homepage"]
        assert manifest["homepage"][0]["id"].endswith(f"/works/{work.pk}/")
        see_also = {item["format"]: item for item in manifest["seeAlso"]}
        record = client.get(see_also["application/ld+json"]["id"].removeprefix("http://testserver"))
        assert record.status_code == 200 and "VisualArtwork" in record.content.decode()


def test_a_work_without_images_shows_a_placeholder_canvas_named_as_such(client, demo_city):
    work = next(w for w in Work.objects.public() if not w.images.exists())
    manifest = client.get(f"/iiif/works/{work.pk}/manifest.json").json()
    (canvas,) = _canvases(manifest)
    body = canvas["items"][0]["items"][0]["body"]
    assert body["type"] == "Image" and body["format"] == "image/svg+xml"
    picture = client.get(body["id"].removeprefix("http://testserver"))
    assert picture.status_code == 200 and picture["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in picture.content
    assert "No image" in json.dumps(canvas["label"]) or "no image" in json.dumps(canvas["label"]).lower()


def test_collections_and_images_validate_and_declare_their_profile(client, demo_city):
    for collection in Collection.objects.public():
        response = client.get(f"/iiif/collections/{collection.slug}/collection.json")
        assert response["Content-Type"].replace(" ", "") == PRESENTATION_TYPE
        document = response.json()
        assert iiif_errors(document) == [], iiif_errors(document)
        for item in document["items"]:
            assert client.get(item["id"].removeprefix("http://testserver")).status_code == 200
    work = next(w for w in Work.objects.public() if w.images.exists())
    image = work.images.first()
    response = client.get(f"/iiif/images/{image.pk}/info.json")
    assert response["Content-Type"].replace(" ", "") == IMAGE_TYPE
    info = response.json()
    assert info["id"] == f"http://testserver/iiif/images/{image.pk}" and info["profile"] == "level0"
    for size in info["sizes"]:
        picture = client.get(f"/iiif/images/{image.pk}/full/{size['width']},/0/default.jpg")
        assert picture.status_code == 200
        body = b"".join(picture.streaming_content) if picture.streaming else picture.content  # kept, or made now
        assert Image.open(io.BytesIO(body)).size == (size["width"], size["height"])


def test_an_image_smaller_than_a_thumbnail_lists_its_one_size_once(client, make_person):
    work = services.work_create(title={"en": "Tiny"}, makers=[make_person()])
    services.work_publish(work=work)
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (180, 40, 40)).save(buffer, "JPEG")
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = services.work_image_add(work=work, upload=SimpleUploadedFile("tiny.jpg", buffer.getvalue(), "image/jpeg"))
    sizes = client.get(f"/iiif/images/{image.pk}/info.json").json()["sizes"]
    assert sizes == [{"width": 120, "height": 90}]
    manifest = client.get(f"/iiif/works/{work.pk}/manifest.json").json()
    assert iiif_errors(manifest) == []
