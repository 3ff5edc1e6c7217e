import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import TestCase

from craftcity.awards.models import Award, AwardProgramme
from craftcity.geo.models import Locality, Region
from craftcity.lineage import graph
from craftcity.lineage.models import Dynasty, Relation
from craftcity.organizations.models import Membership, Organization
from craftcity.people.models import Person, PersonName
from craftcity.places.models import Place
from craftcity.works.models import WorkImage

COUNTED = [
    "geo.Country", "geo.Region", "geo.Locality", "taxonomy.CreativeField", "taxonomy.Discipline",
    "taxonomy.Technique", "taxonomy.Material", "people.Person", "people.PersonName", "organizations.Organization",
    "organizations.Membership", "lineage.Relation", "lineage.Dynasty", "lineage.DynastyMember", "places.Place",
    "awards.AwardProgramme", "awards.Award",
]  # fmt: skip
DEMO_MARKED = [
    m for m in apps.get_models() if any(f.name == "is_demo" for f in m._meta.fields) and not hasattr(m, "instance_type")
]


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def seed_person(press_name: str) -> Person:
    return PersonName.objects.get(full_name=press_name, form=PersonName.Form.PRESS).person


@pytest.mark.django_db
def test_load_twice_then_remove_demo(command, django_capture_on_commit_callbacks):
    """Loading again changes nothing; removing the demo takes every synthetic row and leaves the seed facts."""
    command("load_demo", synthetic=40, verbosity=0)
    first = counts()
    seed_programmes = sorted(
        AwardProgramme.objects.filter(competitions__isnull=True)
        .exclude(slug__startswith="demo-")
        .values_list("slug", flat=True)
    )
    assert AwardProgramme.objects.filter(competitions__event__is_demo=True).exists()
    # synthetic community + ALA CRAFT's synthetic American exhibitor (events demo) + the music demo's dombra
    # ensemble + the demo aitys's eight akyns and three jurors (demo.aitys) + the people in the articles
    assert first["people.Person"] == 40 + 1 + 5 + 11 + 15
    assert "nothing to do" in command("load_demo", synthetic=40)
    assert counts() == first

    from craftcity.dossier.models import ReportingObligation

    assert ReportingObligation.objects.filter(status="submitted", is_demo=True).count() == 2  # the past UCCN reports
    assert "dry run" in command("remove_demo", dry_run=True)
    assert Person.objects.filter(is_demo=True).count() == 40 + 1 + 5 + 11
    # The demo's pictures are drawn illustrations, flagged so (pages then say so), and they leave no file.
    drawings = list(WorkImage.objects.filter(work__is_demo=True))
    assert len(drawings) == 4 and all(image.is_illustration for image in drawings)
    assert all("демо" in text or "demo" in text for image in drawings for text in dict(image.alt).values())
    illustrated = [o for o in Organization.objects.filter(is_demo=True) if o.image]
    assert illustrated and all(o.is_image_illustration for o in illustrated)
    assert not Person.objects.exclude(photo="").exists()  # never a picture of a person
    files = [f for image in drawings for f in (image.original, image.web, image.thumbnail)]
    files += [o.image for o in illustrated]
    assert all(f.storage.exists(f.name) for f in files)  # the dry run above left them
    with django_capture_on_commit_callbacks(execute=True):
        command("remove_demo", verbosity=0)
    assert not any(f.storage.exists(f.name) for f in files)
    for model in DEMO_MARKED:
        assert not model.objects.filter(is_demo=True).exists(), model
    assert Person.objects.filter(is_demo=False).count() == 15
    assert Award.objects.filter(person=seed_person("Ikramzhan Rafikov"), year=2022).exists()
    assert Award.objects.count() == 3
    # The programme the demo competition's winners were given goes with it; the seed articles' stay.
    assert sorted(AwardProgramme.objects.values_list("slug", flat=True)) == seed_programmes
    assert Region.objects.count() == 20
    # The demo's support programmes went, and the real reports it marked as sent are due again.
    from craftcity.support.models import Grant, Programme

    assert not Programme.objects.exists() and not Grant.objects.exists()
    assert not ReportingObligation.objects.filter(status="submitted").exists()


@pytest.mark.django_db
def test_dry_run_leaves_the_database_empty(command):
    output = command("load_demo", synthetic=5, dry_run=True)
    assert "dry run" in output
    assert Person.objects.count() == 0
    assert Region.objects.count() == 0


@pytest.mark.django_db
def test_reference_has_every_region_and_almatys_districts(command):
    command("load_reference", verbosity=0)
    assert Region.objects.count() == 20
    assert Region.objects.get(iso_code="KZ-10").name["kk"] == "Абай облысы"
    assert Region.objects.get(iso_code="KZ-19").capital["kk"] == "Қонаев"
    assert Region.objects.get(iso_code="KZ-62").kato_code == "620000000"
    almaty = next(loc for loc in Locality.objects.filter(kind="city") if loc.name["en"] == "Almaty")
    assert almaty.region.iso_code == "KZ-75"
    assert sorted(d.name["en"] for d in almaty.parts.all()) == [
        "Alatau District", "Almaly District", "Auezov District", "Bostandyk District", "Medeu District",
        "Nauryzbay District", "Turksib District", "Zhetysu District",
    ]  # fmt: skip
    assert "nothing to do" in command("load_reference")


class TestLoadedDemo(TestCase):
    """What a visitor of the demo city finds: the facts from the articles and a plausible community."""

    @classmethod
    def setUpTestData(cls):
        run("load_demo", synthetic=40, verbosity=0)

    def test_seed_people_carry_the_facts_from_the_articles(self):
        rafikov = seed_person("Ikramzhan Rafikov")
        award = Award.objects.get(person=rafikov)
        assert (award.programme.slug, award.year) == ("global-eco-artisan-awards", 2022)
        assert "Soul of Tengri" in rafikov.biography["en"]
        assert set(rafikov.names.values_list("full_name", flat=True)) >= {"Икрамжан Рафиков", "İkramjan Rafikov"}
        assert [d.slug for d in rafikov.disciplines.all()] == ["jewellery"]

        bekkulova = seed_person("Aizhan Bekkulova")
        assert bekkulova.names.get(form="kk_cyrl").full_name == "Айжан Беккулова"
        assert Membership.objects.filter(
            person=bekkulova, organization__slug="union-of-craftsmen-of-kazakhstan", role="president"
        ).exists()
        assert seed_person("Jude van der Merwe").memberships.get().organization.parent.slug == "world-crafts-council"
        assert seed_person("Aigul Turalieva").disciplines.get().slug == "kurak-korpe"
        # nothing the articles do not say
        for person in Person.objects.filter(is_demo=False):
            assert (person.birth_year, person.phone, person.email, person.address) == (None, "", "", "")

    def test_almaty_holds_both_titles(self):
        titles = {
            (a.programme.slug, a.year, a.granted_on and a.granted_on.isoformat())
            for a in Award.objects.filter(locality__name__isnull=False)
            if a.locality.name["en"] == "Almaty"
        }
        assert titles == {("wcc-world-craft-city", 2025, "2025-10-05"), ("unesco-creative-city-of-music", 2017, None)}
        wcc = Award.objects.get(programme__slug="wcc-world-craft-city")
        assert wcc.scope["en"] == "Jewellery and musical instrument making"
        assert wcc.programme.awarding_body.slug == "world-crafts-council"

    def test_synthetic_dynasties_are_derived_from_relations(self):
        dynasties = list(Dynasty.objects.filter(is_demo=True))
        assert len(dynasties) >= 2
        edges = list(Relation.objects.values_list("senior_id", "junior_id"))
        for dynasty in dynasties:
            expected = graph.generations(dynasty.founder_id, edges)
            members = dict(dynasty.members.values_list("person_id", "generation"))
            assert members == expected
            assert dynasty.generation_count == max(expected.values()) >= 2
            assert dynasty.member_count == len(expected)
        assert Relation.objects.filter(is_demo=False).count() == 0

    def test_synthetic_contacts_are_obviously_fake(self):
        synthetic = Person.objects.filter(is_demo=True)
        # the community, ALA CRAFT's synthetic American exhibitor, the music demo's five musicians and the demo
        # aitys's eight akyns and three jurors
        assert synthetic.count() == 40 + 1 + 5 + 11
        assert synthetic.filter(is_phone_public=False).exists()  # most did not consent
        for person in synthetic.exclude(phone=""):
            assert re.fullmatch(r"\+7 700 000 \d\d \d\d", person.phone), person.phone
        for person in synthetic.exclude(email=""):
            assert person.email.endswith("example.kz"), person.email
        assert not synthetic.filter(is_phone_public=True).exclude(phone__startswith="+7 700 000 ").exists()

    def test_workshops_hide_most_addresses(self):
        workshops = Place.objects.filter(is_demo=True, kind="workshop")
        assert workshops.exists()
        assert workshops.filter(is_address_public=False).count() >= workshops.filter(is_address_public=True).count()
        assert all(w.person.is_demo and w.latitude for w in workshops)


def test_the_synthetic_community_has_a_past_for_the_dossier(demo):
    import datetime as dt

    from craftcity.dossier.asof import end_of_day, rows_as_of
    from craftcity.people.models import Person

    def people_on(day):
        return sum(1 for _pk, is_demo in rows_as_of(Person, end_of_day(day), ["is_demo"]) if is_demo)

    today = dt.date.today()
    earlier = people_on(dt.date(2021, 6, 30))
    assert 0 < earlier < people_on(today)
    assert people_on(dt.date(2016, 12, 31)) == 0
