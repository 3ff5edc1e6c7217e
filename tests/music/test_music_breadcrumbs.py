import pytest

pytestmark = pytest.mark.django_db


def test_a_musical_work_leads_back_to_the_repertoire(client, make_musical_work, breadcrumbs):
    work = make_musical_work({"kk": "Адай", "en": "Adai"})
    steps, _items = breadcrumbs(client.get(f"/en/music/works/{work.pk}/").content.decode())
    assert steps == [("Home", "/en/"), ("Music", "/en/music/"), ("Adai", "")]


def test_a_recording_leads_back_through_music_and_recordings(client, make_recording, breadcrumbs):
    recording = make_recording()
    steps, items = breadcrumbs(client.get(f"/en/music/recordings/{recording.pk}/").content.decode())
    assert [href for _name, href in steps] == ["/en/", "/en/music/", "/en/music/recordings/", ""]
    assert items[2] == ("Recordings", "http://testserver/en/music/recordings/")
