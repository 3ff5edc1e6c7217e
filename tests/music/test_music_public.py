"""The public music pages: what a visitor sees on a kui's, a recording's and an ensemble's page, in three
languages, and what they never see (drafts, unpublished people, personal data)."""

import pytest

from craftcity.core.models import PublicationStatus
from craftcity.music import services
from craftcity.music.models import EnsembleMember, MusicalWorkCredit

from .conftest import VTT


@pytest.fixture
def kui(make_musical_work, make_person, make_recording, make_event, ensemble):
    composer = make_person("Құрманғазы Сағырбайұлы", email="composer@example.org", phone="+77010000001")
    master, student = make_person("Шебер Домбырашы"), make_person("Жас Домбырашы")
    work = make_musical_work(
        {"kk": "Сарыарқа", "ru": "Сарыарка", "en": "Saryarka"},
        credits=[composer],
        original_title="Сарыарқа",
        year_from=1860,
    )
    services.transmission_add(work=work, teacher=master, student=student, year=1995)
    recording = make_recording(work, performers=[student], ensemble=ensemble)
    services.caption_save(recording=recording, language="kk", text=VTT)
    services.caption_save(recording=recording, language="en", kind="transcript", text="The kui of the steppe.")
    event = make_event(status="published")
    services.performance_create(work=work, event=event, performers=[master])
    return {"work": work, "recording": recording, "composer": composer, "master": master, "student": student}


def test_a_kui_page_shows_composer_passing_on_performers_and_recordings(client, kui):
    page = client.get(f"/en/music/works/{kui['work'].pk}/").content.decode()
    assert "Saryarka" in page and "Kui" in page and "1860" in page
    assert "Kurmangazy Sagyrbaiuly" in page and "(composer)" in page
    assert "Passed on from master to student" in page
    assert f"/en/people/{kui['master'].pk}/" in page and f"/en/people/{kui['student'].pk}/" in page
    assert f"/en/music/recordings/{kui['recording'].pk}/" in page
    assert '"@type": "MusicComposition"' in page
    assert "composer@example.org" not in page and "+77010000001" not in page
    assert page.count('property="og:title"') == 1 and '<meta property="og:title" content="Saryarka">' in page


@pytest.mark.parametrize(("language", "heading"), [("kk", "Күй"), ("ru", "Кюй"), ("en", "Kui")])
def test_the_kui_page_speaks_the_visitors_language(client, kui, language, heading):
    page = client.get(f"/{language}/music/works/{kui['work'].pk}/").content.decode()
    assert f'<html lang="{language}"' in page
    assert {"kk": "Сарыарқа", "ru": "Сарыарка", "en": "Saryarka"}[language] in page


def test_the_recording_page_plays_with_captions_and_shows_the_transcript(client, kui):
    recording = kui["recording"]
    page = client.get(f"/kk/music/recordings/{recording.pk}/").content.decode()
    assert f'<audio controls preload="metadata" src="/iiif/recordings/{recording.pk}/media"' in page
    assert f'src="/iiif/recordings/{recording.pk}/captions/kk.vtt" default' in page
    assert "The kui of the steppe." in page
    assert f"/iiif/recordings/{recording.pk}/manifest.json" in page
    media = client.get(f"/iiif/recordings/{recording.pk}/media")
    assert media.status_code == 200 and media["Content-Type"] == "audio/wav"
    part = client.get(f"/iiif/recordings/{recording.pk}/media", HTTP_RANGE="bytes=0-11")
    assert part.status_code == 206 and part.content[:4] == b"RIFF" and len(part.content) == 12
    vtt = client.get(f"/iiif/recordings/{recording.pk}/captions/kk.vtt")
    assert vtt["Content-Type"].startswith("text/vtt") and "Күй басталады" in vtt.content.decode()


def test_drafts_withdrawn_and_their_files_never_leak(client, make_recording, make_musical_work):
    draft_work = make_musical_work(publish=False)
    draft = make_recording(make_musical_work(), publish=False)
    withdrawn = make_recording()
    services.recording_withdraw(recording=withdrawn)
    for url in [
        f"/en/music/works/{draft_work.pk}/",
        f"/en/music/recordings/{draft.pk}/",
        f"/iiif/recordings/{draft.pk}/media",
        f"/iiif/recordings/{draft.pk}/manifest.json",
        f"/en/music/recordings/{withdrawn.pk}/",
        f"/iiif/recordings/{withdrawn.pk}/media",
    ]:
        assert client.get(url).status_code == 404, url
    assert f"/music/recordings/{draft.pk}/" not in client.get("/en/music/recordings/").content.decode()


def test_unpublished_people_are_left_out_of_lines_and_ensembles(client, make_musical_work, make_person, ensemble):
    hidden = make_person("Жасырын Адам", status=PublicationStatus.DRAFT)
    shown = make_person("Көрінетін Адам")
    work = make_musical_work()
    services.transmission_add(work=work, teacher=shown, student=hidden)
    services.ensemble_member_save(member=EnsembleMember(ensemble=ensemble, person=hidden))
    services.ensemble_member_save(member=EnsembleMember(ensemble=ensemble, person=shown, start_year=2019))
    assert "Жасырын Адам" not in client.get(f"/kk/music/works/{work.pk}/").content.decode()
    page = client.get(f"/kk/music/ensembles/{ensemble.slug}/").content.decode()
    assert "Көрінетін Адам" in page and "2019–" in page and "Жасырын Адам" not in page


def test_ensemble_page_separates_current_and_former_members(client, ensemble, make_person):
    services.ensemble_member_save(member=EnsembleMember(ensemble=ensemble, person=make_person("Қазіргі Мүше"),
                                                        start_year=2020, role=EnsembleMember.Role.LEADER))  # fmt: skip
    services.ensemble_member_save(member=EnsembleMember(ensemble=ensemble, person=make_person("Бұрынғы Мүше"),
                                                        start_year=2001, end_year=2010))  # fmt: skip
    page = client.get(f"/kk/music/ensembles/{ensemble.slug}/").content.decode()
    assert page.index("Қазіргі Мүше") < page.index("Бұрынғы Мүше")
    assert "2001–2010" in page
    assert '<td class="date" data-label="Жылдар">2001–2010</td>' in page  # on a phone the years keep their label
    assert page.count('property="og:title"') == 1
    assert f"/kk/music/ensembles/{ensemble.slug}/" in client.get("/kk/music/ensembles/").content.decode()


def test_traditional_work_shows_its_community_protocol(client, make_musical_work):
    work = make_musical_work(
        credits=[{"role": MusicalWorkCredit.Role.TRADITIONAL, "note": {"en": "Kazakh folk"}}],
        rights="traditional",
        community_protocol={"en": "Perform with the name of the Arka school."},
    )
    page = client.get(f"/en/music/works/{work.pk}/").content.decode()
    assert "Kazakh folk" in page and "Perform with the name of the Arka school." in page


def test_lists_filter_by_kind_and_do_not_grow_in_queries(
    client, make_musical_work, make_recording, make_person, django_assert_max_num_queries
):
    for _n in range(3):
        make_recording(performers=[make_person("Орындаушы Бір"), make_person("Орындаушы Екі")])
    song = make_musical_work({"en": "A song"}, kind="song")
    with django_assert_max_num_queries(14):
        page = client.get("/en/music/").content.decode()
    assert "A song" in page
    assert "A song" not in client.get("/en/music/?kind=kui").content.decode()
    with django_assert_max_num_queries(14):
        client.get("/en/music/recordings/")
    for _n in range(3):
        make_recording(performers=[make_person("Орындаушы Үш")])
    with django_assert_max_num_queries(14):
        client.get("/en/music/recordings/")
    assert song.pk


def test_sitemap_lists_public_music_pages(client, kui):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-repertoire.xml" in index and "sitemap-recordings.xml" in index
    assert f"/music/works/{kui['work'].pk}/" in client.get("/sitemap-repertoire.xml").content.decode()


def test_the_pages_json_ld_is_valid_schema_org(client, kui):
    import json
    import re

    from standards.validators import schemaorg_errors

    for url in (f"/en/music/works/{kui['work'].pk}/", f"/en/music/recordings/{kui['recording'].pk}/"):
        page = client.get(url).content.decode()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
        document = json.loads(block)
        assert schemaorg_errors(document) == [], url
        assert document["@type"] in {"MusicComposition", "MusicRecording"}
