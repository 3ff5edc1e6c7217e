"""The back office writes music through the services: a curator adds a recording with its file and captions; a
renamed picture is refused on the form with the reason; an artisan cannot reach the music screens."""

import io

from admin_forms import form_fields

from craftcity.music.models import Caption, Recording

from .conftest import wav_bytes


def _post(client, work, upload, **extra):
    page = client.get("/en/admin/music/recording/add/")
    data = form_fields(page, "recording_form")
    data.update({"work": str(work.pk), "title_en": "Field recording", "upload": upload})
    data.update(extra)
    return client.post("/en/admin/music/recording/add/", data)


def _file(content: bytes, name: str):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def test_a_curator_adds_a_recording_with_captions_through_the_services(client, make_user, make_musical_work):
    curator = make_user(role="curator", is_staff=True)
    client.force_login(curator)
    work = make_musical_work()
    response = _post(
        client, work, _file(wav_bytes(1.0), "field.wav"),
        **{"captions-TOTAL_FORMS": "1", "captions-0-language": "kk", "captions-0-kind": "captions",
           "captions-0-text": "WEBVTT\n\n00:00.000 --> 00:00.900\nКүй\n"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    recording = Recording.objects.get()
    assert recording.mime_type == "audio/wav" and recording.duration == 1.0
    assert Caption.objects.get(recording=recording).language == "kk"
    assert recording.history.filter(batch__user=curator).exists()  # the back office's one batch, undoable


def test_a_renamed_picture_is_refused_on_the_form_and_nothing_is_saved(client, make_user, make_musical_work):
    client.force_login(make_user(role="curator", is_staff=True))
    png = b"\x89PNG\r\n\x1a\n" + bytes(300)
    response = _post(client, make_musical_work(), _file(png, "kui.mp3"))
    assert response.status_code == 200
    assert "“kui.mp3” is not an audio or video file that can be read" in response.content.decode()
    assert not Recording.objects.exists()


def test_an_artisan_cannot_open_the_music_screens(client, make_user):
    client.force_login(make_user(role="artisan", is_staff=True))
    assert client.get("/en/admin/music/recording/add/").status_code == 403
