"""The music API: list and detail of repertoire, ensembles and recordings, paged like the rest, public records only,
no personal data. Every answer is also checked against /api/schema/ by the suite's autouse fixture."""

import json

from craftcity.core.models import PublicationStatus
from craftcity.music import services
from craftcity.music.models import EnsembleMember


def test_repertoire_lists_published_works_with_public_credits_only(client, make_musical_work, make_person):
    hidden = make_person("Жасырын Композитор", status=PublicationStatus.DRAFT)
    shown = make_person("Ахмет Жұбанов", email="a@example.org", phone="+77011112233", birth_year=1906)
    work = make_musical_work({"kk": "Ақбаян", "en": "Akbayan"}, kind="song", credits=[shown, (hidden, "lyricist")])
    make_musical_work(publish=False)
    response = client.get("/api/v1/repertoire/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and set(data) >= {"count", "next", "previous", "results"}
    item = data["results"][0]
    assert item["title"] == {"kk": "Ақбаян", "en": "Akbayan"} and item["kind"] == "song"
    assert [credit["person"]["id"] for credit in item["credits"]] == [shown.pk]
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("a@example.org", "+77011112233", "1906", "Жасырын"):
        assert secret not in text
    assert client.get(f"/api/v1/repertoire/{work.pk}/").json()["id"] == work.pk
    assert client.get("/api/v1/repertoire/?kind=kui").json()["count"] == 0


def test_unpublished_details_answer_the_api_error_body(client, make_musical_work, make_recording):
    draft = make_musical_work(publish=False)
    response = client.get(f"/api/v1/repertoire/{draft.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    assert client.get(f"/api/v1/recordings/{make_recording(publish=False).pk}/").status_code == 404


def test_recordings_carry_media_manifest_and_captions_links(client, make_recording, make_person):
    performer = make_person("Орындаушы Бір", email="p@example.org")
    recording = make_recording(performers=[performer])
    services.caption_save(recording=recording, language="ru", text="WEBVTT\n\n00:00.000 --> 00:00.500\nКюй\n")
    item = client.get(f"/api/v1/recordings/{recording.pk}/").json()
    assert item["media"] == "audio" and item["mime_type"] == "audio/wav"
    assert item["duration"] == 1.0
    assert item["media_url"] == f"http://testserver/iiif/recordings/{recording.pk}/media"
    assert item["manifest"].endswith(f"/iiif/recordings/{recording.pk}/manifest.json")
    assert item["captions"] == [
        {
            "language": "ru",
            "kind": "captions",
            "url": f"http://testserver/iiif/recordings/{recording.pk}/captions/ru.vtt",
        }
    ]
    assert item["performers"] == [{"id": performer.pk, "name": performer.display_name}]
    assert "p@example.org" not in json.dumps(item)


def test_ensembles_list_members_with_instruments_and_years(client, ensemble, make_person, make_organization):
    make_organization(kind="union")  # not an ensemble: not listed
    services.ensemble_member_save(member=EnsembleMember(ensemble=ensemble, person=make_person("Мүше Бір"),
                                                        start_year=2015, end_year=2020))  # fmt: skip
    data = client.get("/api/v1/ensembles/").json()
    assert [e["slug"] for e in data["results"]] == [ensemble.slug]
    detail = client.get(f"/api/v1/ensembles/{ensemble.slug}/").json()
    assert detail["members"][0]["start_year"] == 2015 and detail["members"][0]["end_year"] == 2020


def test_the_music_endpoints_are_in_the_openapi_document(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in ("/api/v1/repertoire/", "/api/v1/repertoire/{id}/", "/api/v1/ensembles/{slug}/",
                 "/api/v1/recordings/", "/api/v1/recordings/{id}/"):  # fmt: skip
        assert path in schema["paths"], path


def test_music_lists_do_not_grow_in_queries(client, make_recording, make_person, django_assert_max_num_queries):
    for _n in range(2):
        make_recording(performers=[make_person("Бір")])
    with django_assert_max_num_queries(12):
        client.get("/api/v1/recordings/")
    with django_assert_max_num_queries(12):
        client.get("/api/v1/repertoire/")
    for _n in range(4):
        make_recording(performers=[make_person("Екі")])
    with django_assert_max_num_queries(12):
        client.get("/api/v1/recordings/")
    with django_assert_max_num_queries(12):
        client.get("/api/v1/repertoire/")
