"""Music in the site search (types `musical_work` and `recording`, across scripts) and the music indicators of the
dossier, as of any date."""

import datetime as dt

import pytest

from craftcity.dossier.asof import Snapshot
from craftcity.dossier.indicators import REGISTRY, compute
from craftcity.music import services
from craftcity.search.services import search
from craftcity.taxonomy.models import CreativeField, Discipline


@pytest.mark.django_db(transaction=True)
def test_search_finds_a_kui_by_title_and_by_composer_in_any_script(make_musical_work, make_person):
    composer = make_person("Құрманғазы Сағырбайұлы")
    work = make_musical_work({"kk": "Адай", "ru": "Адай", "en": "Adai"}, credits=[composer])
    for query in ("Адай", "Adai", "Kurmangazy", "Курмангазы", "Құрманғазы"):
        hits = [hit for hit in search(query) if hit.kind == "musical_work"]
        assert [hit.object_id for hit in hits] == [work.pk], query
    services.musical_work_withdraw(work=work)
    assert not [hit for hit in search("Adai") if hit.kind == "musical_work"]


@pytest.mark.django_db(transaction=True)
def test_search_finds_recordings_by_performer_and_the_api_says_recording(client, make_recording, make_person):
    performer = make_person("Айжан Беккулова")
    recording = make_recording(title={"en": "Evening kui"}, performers=[performer])
    hits = [hit for hit in search("Aijan Bekkulova") if hit.kind == "recording"]
    assert [hit.object_id for hit in hits] == [recording.pk]
    data = client.get("/api/v1/search/", {"q": "Evening kui"}).json()
    types = {item["type"] for item in data["results"]}
    assert "recording" in types
    page = client.get("/en/search/", {"q": "Evening kui"}).content.decode()
    assert f"/en/music/recordings/{recording.pk}/" in page


def test_repertoire_and_recordings_indicators_as_of_a_date(make_musical_work, make_recording, make_person):
    work = make_musical_work()
    make_musical_work(kind="song", rights="traditional", community_protocol={"en": "Ask the elders."})
    make_musical_work(publish=False)
    recording = make_recording(work)
    services.caption_save(recording=recording, language="kk", text="WEBVTT\n\n00:00.000 --> 00:00.500\nА\n")
    services.transmission_add(work=work, teacher=make_person("Ұстаз"), student=make_person("Шәкірт"))
    today = dt.date.today()
    repertoire = compute(REGISTRY["music_repertoire"], Snapshot(today))
    assert repertoire.total == 2  # the draft is not counted
    measures = {row.key: row.values[0] for row in repertoire.table("measure").rows}
    assert measures == {"documented": 2, "recorded": 1, "passed_on": 1, "traditional": 1}
    kinds = {row.key: row.values[0] for row in repertoire.table("kind").rows}
    assert kinds == {"kui": 1, "song": 1}
    recordings = compute(REGISTRY["music_recordings"], Snapshot(today))
    assert recordings.total == 1
    assert {row.key: row.values[0] for row in recordings.table("measure").rows} == {"published": 1, "captioned": 1}
    before = compute(REGISTRY["music_repertoire"], Snapshot(today - dt.timedelta(days=1)))
    assert before.total == 0  # nothing was documented yesterday


def test_musicians_by_genre_counts_practitioners_of_music_disciplines(make_person):
    music = CreativeField.objects.create(slug="music", name={"en": "Music"})
    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    kui = Discipline.objects.create(slug="kui", field=music, name={"en": "Kui and dombra"})
    opera = Discipline.objects.create(slug="opera", field=music, name={"en": "Opera"})
    felt = Discipline.objects.create(slug="felt", field=crafts, name={"en": "Felt"})
    make_person("Күйші Бір", occupation="musician", disciplines=[kui])
    make_person("Әнші Екі", occupation="musician", disciplines=[kui, opera])
    make_person("Шебер Үш", occupation="artisan", disciplines=[felt])
    result = compute(REGISTRY["musicians_by_genre"], Snapshot(dt.date.today()))
    assert result.total == 2
    assert {row.key: row.values[0] for row in result.table("discipline").rows} == {str(kui.pk): 2, str(opera.pk): 1}


def test_musicians_by_genre_as_of_a_past_date_reads_each_musician_as_they_were_then(make_person):
    """Only the musicians are read from the database, each as they stood on the day: one who has left music since
    still counts for the past, one who began since does not."""
    from django.utils import timezone

    from craftcity.people.models import Person
    from craftcity.people.services import person_update

    music = CreativeField.objects.create(slug="music", name={"en": "Music"})
    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    kui = Discipline.objects.create(slug="kui", field=music, name={"en": "Kui and dombra"})
    felt = Discipline.objects.create(slug="felt", field=crafts, name={"en": "Felt"})
    mark = timezone.now()
    left = make_person("Күйші Бұрынғы", occupation="musician", disciplines=[kui])
    make_person("Шебер Ылғи", occupation="artisan", disciplines=[felt])
    when = timezone.make_aware(dt.datetime(2025, 3, 1, 12))
    Person.history.filter(history_date__gte=mark).update(history_date=when)
    Person.objects.filter(created_at__gte=mark).update(created_at=when)

    person_update(person=Person.objects.get(pk=left.pk), occupation="artisan", disciplines=[felt])
    came = make_person("Күйші Жаңа", occupation="musician", disciplines=[kui])

    past = compute(REGISTRY["musicians_by_genre"], Snapshot(dt.date(2025, 12, 31)))
    assert past.total == 1
    assert {row.key: row.values[0] for row in past.table("discipline").rows} == {str(kui.pk): 1}
    today = compute(REGISTRY["musicians_by_genre"], Snapshot(timezone.localdate()))
    assert today.total == 1  # the newcomer; the one who left music no longer counts
    assert Person.objects.get(pk=came.pk).disciplines.get() == kui
