"""The demo's music: the seed's composers with their works marked as demo, a synthetic ensemble and kui with its
line and playable recordings; `remove_demo` takes every synthetic row (and the recordings' files) away."""

from io import StringIO

import pytest
from django.core.management import call_command

from craftcity.music.models import EnsembleMember, MusicalWork, Recording, Transmission
from craftcity.organizations.models import Organization
from craftcity.people.models import Person


def run(*args, **options):
    call_command(*args, stdout=StringIO(), stderr=StringIO(), **options)


@pytest.mark.django_db
def test_demo_music_loads_plays_and_goes_away(client, django_capture_on_commit_callbacks):
    run("load_demo", synthetic=5, verbosity=0)
    run("load_demo", synthetic=5, verbosity=0)  # idempotent
    operas = MusicalWork.objects.filter(kind="opera")
    assert {w.title["en"] for w in operas} == {"Abai", "Enlik – Kebek", "Kamar Sulu"}
    assert all(w.is_demo and w.source and w.credits.get().person.is_demo is False for w in operas)
    kui = MusicalWork.objects.get(kind="kui")
    assert kui.is_demo and "demo" in kui.title["en"] and kui.tradition.slug == "kui-tokpe"
    assert Transmission.objects.filter(work=kui, relation__isnull=False).count() == 2
    ensemble = Organization.objects.get(kind="ensemble")
    assert ensemble.ensemble_members.count() == 5
    recordings = list(Recording.objects.filter(work=kui))
    assert len(recordings) == 2 and all(r.duration > 3 and r.captions.count() == 6 for r in recordings)
    page = client.get(f"/en/music/recordings/{recordings[0].pk}/").content.decode()
    assert "<audio controls" in page and 'srclang="en"' in page
    assert client.get(f"/iiif/recordings/{recordings[0].pk}/media").status_code == 200
    for slug in ("multimedia-traditional-music-centre", "alatau-theatre-of-traditional-art"):
        assert Organization.objects.filter(slug=slug, is_demo=False).exists()
    storage, name = recordings[0].file.storage, recordings[0].file.name

    with django_capture_on_commit_callbacks(execute=True):
        run("remove_demo", verbosity=0)
    assert not MusicalWork.objects.exists() and not Recording.objects.exists()
    assert not EnsembleMember.objects.exists() and not Organization.objects.filter(kind="ensemble").exists()
    assert Person.objects.filter(names__full_name="Gaziza Zhubanova").exists()  # the seed's composers stay
    assert not storage.exists(name)
