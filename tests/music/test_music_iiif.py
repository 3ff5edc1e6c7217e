"""IIIF Presentation 3 for recordings: validated with iiif-prezi3 and the IIIF presentation-validator's JSON Schema."""

from iiif_prezi3 import Collection as IIIFCollection
from iiif_prezi3 import Manifest
from standards.validators import iiif_errors

from craftcity.music import services

from .conftest import VTT


def test_a_recording_manifest_is_a_timed_canvas_painted_with_sound(client, make_recording, make_person):
    recording = make_recording(
        title={"kk": "Сарыарқа (жазба)", "ru": "Сарыарка (запись)", "en": "Saryarka (recording)"},
        performers=[make_person("Орындаушы Бір", email="private@example.org")],
    )
    services.caption_save(recording=recording, language="kk", text=VTT)
    response = client.get(f"/iiif/recordings/{recording.pk}/manifest.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    Manifest(**data)
    assert iiif_errors(data) == []
    canvas = data["items"][0]
    assert canvas["duration"] == 1.0 and "width" not in canvas
    annotation = canvas["items"][0]["items"][0]
    assert annotation["motivation"] == "painting"
    assert annotation["body"]["type"] == "Sound" and annotation["body"]["format"] == "audio/wav"
    assert client.get(annotation["body"]["id"].removeprefix("http://testserver")).status_code == 200
    caption = canvas["annotations"][0]["items"][0]
    assert caption["motivation"] == "supplementing" and caption["body"]["format"] == "text/vtt"
    assert data["label"]["kk"] == ["Сарыарқа (жазба)"]
    assert "private@example.org" not in response.content.decode()


def test_a_linked_video_has_a_manifest_pointing_at_the_platform(client, make_recording):
    recording = make_recording(external_url="https://video.example.org/watch/1", media="video", duration=245.5)
    data = client.get(f"/iiif/recordings/{recording.pk}/manifest.json").json()
    Manifest(**data)
    assert iiif_errors(data) == []
    body = data["items"][0]["items"][0]["items"][0]["body"]
    assert body["id"] == "https://video.example.org/watch/1"
    assert (body["type"], body["format"], body["duration"]) == ("Video", "text/html", 245.5)


def test_the_recordings_collection_lists_only_public_manifests(client, make_recording):
    shown = make_recording()
    make_recording(publish=False)
    data = client.get("/iiif/recordings/collection.json").json()
    IIIFCollection(**data)
    assert iiif_errors(data) == []
    assert [item["id"] for item in data["items"]] == [f"http://testserver/iiif/recordings/{shown.pk}/manifest.json"]
