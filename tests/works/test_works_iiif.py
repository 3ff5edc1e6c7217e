"""IIIF Presentation 3 manifests validated with iiif-prezi3; the level-0 image service serves derivatives."""

import io

from iiif_prezi3 import Collection as IIIFCollection
from iiif_prezi3 import Manifest
from PIL import Image

from craftcity.works import services

from .conftest import upload


def test_work_manifest_is_valid_presentation_3_with_labels_in_three_languages(client, make_work, gps_jpeg, crafts):
    work = make_work({"kk": "Өртеке", "ru": "Ортеке", "en": "Orteke"}, discipline=crafts["jewellery"], year_from=2024)
    services.work_image_add(work=work, upload=upload(gps_jpeg), alt={"en": "The ring from above"})
    response = client.get(f"/iiif/works/{work.pk}/manifest.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    manifest = Manifest(**data)
    assert manifest.type == "Manifest"
    assert data["label"] == {"kk": ["Өртеке"], "ru": ["Ортеке"], "en": ["Orteke"]}
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    labels = {entry["label"]["en"][0] for entry in data["metadata"]}
    assert {"Maker", "Date", "Discipline"} <= labels
    assert data["metadata"][0]["label"]["ru"][0]  # metadata labels in Russian and Kazakh too
    canvas = data["items"][0]
    body = canvas["items"][0]["items"][0]["body"]
    assert (canvas["width"], canvas["height"]) == (640, 480)
    image = client.get(body["id"].replace("http://testserver", ""))
    assert image.status_code == 200
    assert Image.open(io.BytesIO(b"".join(image.streaming_content))).size == (640, 480)
    info = client.get(body["service"][0]["id"].replace("http://testserver", "") + "/info.json").json()
    assert info["profile"] == "level0" and {"width": 300, "height": 225} in info["sizes"]
    thumb = client.get(data["thumbnail"][0]["id"].replace("http://testserver", ""))
    assert thumb.status_code == 200


def test_collection_manifest_lists_only_published_works(client, make_work, collection):
    shown = make_work(collection=collection)
    make_work(collection=collection, publish=False)
    data = client.get("/iiif/collections/museum/collection.json").json()
    IIIFCollection(**data)
    assert [item["id"].rsplit("/", 2)[-2] for item in data["items"]] == [str(shown.pk)]
    assert data["label"]["kk"] == ["Мұражай"]


def test_unknown_sizes_are_not_served(client, make_work, gps_jpeg):
    work = make_work()
    image = services.work_image_add(work=work, upload=upload(gps_jpeg))
    assert client.get(f"/iiif/images/{image.pk}/full/123,/0/default.jpg").status_code == 404
