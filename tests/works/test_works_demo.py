"""The demo catalogue: the works and exhibitions named in the seed articles, published; synthetic ones removable."""

from io import StringIO

import pytest
from django.core.management import call_command

from craftcity.works.models import Collection, Exhibition, Work


def run(*args, **options):
    call_command(*args, stdout=StringIO(), stderr=StringIO(), **options)


@pytest.mark.django_db
def test_demo_works_and_exhibitions_from_the_articles(client):
    run("load_demo", synthetic=5, verbosity=0)
    real = Work.objects.filter(is_demo=False)
    assert {w.title["en"] for w in real} == {"Ring of Power", "Orteke", "Glass bowl with Almaty pears", "Kurak korpe"}
    assert all(w.is_published and w.source for w in real)
    ring = real.get(title__en="Ring of Power")
    assert [m.person.display_name for m in ring.work_makers.all()]
    sheber = Exhibition.objects.get(slug="sheber-finalists-kasteyev")
    assert sheber.venue.slug == "kasteyev-state-museum-of-arts"
    assert {i.work.title["en"] for i in sheber.items.all()} == {"Orteke", "Kurak korpe"}
    tengri = Exhibition.objects.get(slug="soul-of-tengri-2019")
    assert (tengri.year, tengri.city) == (2019, "Washington, D.C.")
    assert "Orteke" in client.get("/en/exhibitions/sheber-finalists-kasteyev/").content.decode()

    run("remove_demo", verbosity=0)
    assert not Work.objects.filter(is_demo=True).exists() and not Collection.objects.filter(is_demo=True).exists()
    assert Work.objects.filter(is_demo=False).count() == 4
