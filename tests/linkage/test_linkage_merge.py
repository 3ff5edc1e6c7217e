"""Merging two records of one person, and undoing the merge exactly."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from craftcity.audit.models import ChangeBatch
from craftcity.awards.models import Award, AwardProgramme
from craftcity.lineage.models import Dynasty, DynastyMember, Relation
from craftcity.lineage.services import dynasty_create, relation_create
from craftcity.linkage.models import DuplicateCandidate
from craftcity.linkage.services import candidate_reject, person_merge, person_merge_undo
from craftcity.organizations.models import Membership
from craftcity.organizations.services import membership_create
from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_update
from craftcity.places.models import Place

pytestmark = pytest.mark.django_db

SNAPSHOT_MODELS = [Person, PersonName, Relation, Membership, Award, Place, Dynasty]
M2M = [Person.disciplines.through, Person.techniques.through, Person.materials.through]


def snapshot() -> dict:
    """Every row of the registry that a merge can touch; `updated_at` records the undo itself, so it is left out."""
    state = {}
    for model in [*SNAPSHOT_MODELS, *M2M]:
        columns = [f.attname for f in model._meta.concrete_fields if f.name != "updated_at"]
        state[model._meta.label] = sorted(model.objects.values_list(*columns))
    # Derived rows are rebuilt, not restored: compare what they say, not their ids.
    state["dynasty_members"] = sorted(DynastyMember.objects.values_list("dynasty_id", "person_id", "generation"))
    return state


def candidate_for(a, b, **fields):
    low, high = sorted((a.pk, b.pk))
    return DuplicateCandidate.objects.create(
        person_a_id=low, person_b_id=high, match_probability=0.99, match_weight=7.0, **fields
    )


@pytest.fixture
def registrar(make_user):
    return make_user(role="registrar")


@pytest.fixture
def pair(make_artisan, make_organization, regions, crafts):
    """One woman entered twice: in Kazakh Cyrillic from one association, in passport Latin from another."""
    keep = make_artisan("Айжан Беккулова", name_forms=("kk_cyrl", "ru_cyrl"), birth_year=1985, craft="felt")
    absorb = make_artisan(
        "Айжан Беккулова",
        name_forms=("kk_cyrl", "passport"),
        birth_year=1986,
        region="shymkent",
        craft="jewellery",
        phone="+7 701 123 45 67",
        is_phone_public=True,
    )
    union, guild = make_organization("union"), make_organization("guild")
    membership_create(person=keep, organization=union)
    membership_create(person=absorb, organization=union)  # the same membership, sent twice
    membership_create(person=absorb, organization=guild, role=Membership.Role.TEACHER, start_year=2010)
    programme = AwardProgramme.objects.create(slug="sheber", kind="prize", name={"en": "Sheber"})
    Award.objects.create(programme=programme, year=2024, person=absorb)
    Place.objects.create(kind="workshop", slug="aizhan-felt", name={"en": "Felt workshop"}, person=absorb)
    return keep, absorb


def test_merge_moves_everything_and_keeps_every_name_form(pair, make_artisan, registrar):
    keep, absorb = pair
    master = make_artisan("Ерлан Сапаров", birth_year=1950)
    apprentice = make_artisan("Дана Сейітова", birth_year=2000)
    relation_create(kind="apprenticeship", senior=master, junior=absorb)
    relation_create(kind="apprenticeship", senior=absorb, junior=apprentice)
    candidate = candidate_for(keep, absorb)

    batch = person_merge(actor=registrar, keep=keep, absorb=absorb, field_choices={})

    keep.refresh_from_db()
    absorb.refresh_from_db()
    assert batch.kind == ChangeBatch.Kind.MERGE
    assert absorb.merged_into == keep
    assert not Person.objects.active().filter(pk=absorb.pk).exists()
    names = sorted(keep.names.filter(is_derived=False).values_list("full_name", "form", "language", "is_primary"))
    assert names == [
        ("Aizhan Bekkulova", "passport", "en", True),
        ("Айжан Беккулова", "kk_cyrl", "kk", True),  # the absorbed copy of this exact form was dropped
        ("Айжан Беккулова", "ru_cyrl", "ru", True),
    ]
    assert absorb.names.count() == 0
    assert keep.relations_as_junior.get().senior == master
    assert keep.relations_as_senior.get().junior == apprentice
    assert sorted(keep.memberships.values_list("organization__slug", "role")) == [
        ("guild", "teacher"),
        ("union", "member"),
    ]
    assert keep.awards.count() == 1 and keep.places.count() == 1
    assert sorted(keep.disciplines.values_list("slug", flat=True)) == ["felt", "jewellery"]
    # Unchosen fields keep the kept record's value, or take the other's where the kept one had none.
    assert keep.birth_year == 1985
    assert keep.phone == "+7 701 123 45 67" and keep.is_phone_public
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.ACCEPTED
    assert candidate.merge_batch == batch and candidate.decided_by == registrar


def test_chosen_field_values_are_copied_onto_the_kept_record(pair, registrar, regions):
    keep, absorb = pair
    person_merge(actor=registrar, keep=keep, absorb=absorb, field_choices={"birth_year": "absorb", "region": "absorb"})
    keep.refresh_from_db()
    assert keep.birth_year == 1986
    assert keep.region == regions["shymkent"]


def test_unknown_field_or_choice_is_refused_and_changes_nothing(pair, registrar):
    keep, absorb = pair
    before = snapshot()
    with pytest.raises(ValidationError):
        person_merge(actor=registrar, keep=keep, absorb=absorb, field_choices={"merged_into": "absorb"})
    with pytest.raises(ValidationError):
        person_merge(actor=registrar, keep=keep, absorb=absorb, field_choices={"birth_year": "both"})
    assert snapshot() == before


def test_a_relation_between_the_two_records_is_dropped_not_turned_into_a_self_relation(make_artisan, registrar):
    master = make_artisan("Ерлан Сапаров", birth_year=1950)
    # The apprentice list named the master again, as a separate record, under his passport spelling.
    twin = make_artisan("Ерлан Сапаров", name_forms=("passport",), birth_year=1950)
    apprentice = make_artisan("Дана Сейітова", birth_year=2000)
    relation_create(kind="apprenticeship", senior=master, junior=twin)
    relation_create(kind="apprenticeship", senior=twin, junior=apprentice)
    relation_create(kind="apprenticeship", senior=master, junior=apprentice)  # becomes a duplicate

    person_merge(actor=registrar, keep=master, absorb=twin)

    assert list(Relation.objects.values_list("senior_id", "junior_id")) == [(master.pk, apprentice.pk)]


def test_merge_then_undo_restores_the_exact_previous_state(pair, make_artisan, make_user, registrar):
    keep, absorb = pair
    account = make_user("aizhan")
    person_update(person=absorb, user=account)
    founder = make_artisan("Ерлан Сапаров", birth_year=1950)
    relation_create(kind="family", senior=founder, junior=absorb)
    relation_create(kind="family", senior=absorb, junior=make_artisan("Дана Сейітова", birth_year=2010))
    relation_create(kind="family", senior=keep, junior=absorb)  # a wrong link that the merge drops
    dynasty_create(slug="sapar", name={"kk": "Сапар әулеті"}, founder=founder)
    dynasty_create(slug="bekkul", name={"kk": "Беккұл әулеті"}, founder=absorb)
    candidate = candidate_for(keep, absorb)
    before = snapshot()

    person_merge(actor=registrar, keep=keep, absorb=absorb, field_choices={"birth_year": "absorb"})
    keep.refresh_from_db()
    assert keep.user == account
    assert Dynasty.objects.get(slug="bekkul").founder == keep
    assert snapshot() != before

    undo = person_merge_undo(actor=registrar, candidate_or_batch=candidate)

    assert undo.kind == ChangeBatch.Kind.UNDO
    assert snapshot() == before
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.PENDING and candidate.merge_batch is None


def test_undo_by_batch_and_a_second_undo_is_refused(pair, registrar):
    keep, absorb = pair
    candidate = candidate_for(keep, absorb)
    batch = person_merge(actor=registrar, keep=keep, absorb=absorb)
    person_merge_undo(actor=registrar, candidate_or_batch=batch)
    candidate.refresh_from_db()
    assert candidate.is_pending
    with pytest.raises(ValidationError):
        person_merge_undo(actor=registrar, candidate_or_batch=candidate)


def test_an_artisan_cannot_merge_reject_or_undo(pair, make_user, registrar):
    keep, absorb = pair
    artisan = make_user(role="artisan")
    person_update(person=keep, user=artisan)  # even one of their own records
    artisan = get_user_model().objects.get(pk=artisan.pk)
    candidate = candidate_for(keep, absorb)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        person_merge(actor=artisan, keep=keep, absorb=absorb)
    with pytest.raises(PermissionDenied):
        candidate_reject(actor=artisan, candidate=candidate)
    assert snapshot() == before
    person_merge(actor=registrar, keep=keep, absorb=absorb)
    with pytest.raises(PermissionDenied):
        person_merge_undo(actor=artisan, candidate_or_batch=candidate)


def test_a_decided_pair_cannot_be_merged_again_and_says_why(pair, registrar):
    keep, absorb = pair
    candidate = candidate_for(keep, absorb)
    candidate_reject(actor=registrar, candidate=candidate)
    before = snapshot()
    with pytest.raises(ValidationError, match="already decided"):
        person_merge(actor=registrar, keep=keep, absorb=absorb, candidate=candidate)
    with pytest.raises(ValidationError, match="already decided"):
        candidate_reject(actor=registrar, candidate=candidate)
    assert snapshot() == before


def test_every_reverse_relation_of_a_person_is_handled_by_the_merge():
    # A new model pointing at Person must decide what a merge does with its rows; this test makes it ask.
    handled = {
        "names", "relations_as_senior", "relations_as_junior", "memberships", "awards", "places",
        "founded_dynasties", "dynasty_memberships", "merged_from", "candidates_as_a", "candidates_as_b",
        # Provenance stays with the record it describes (untracked rows could not be moved back by an undo);
        # an importer meeting a merged record follows merged_into.
        "import_sources",
        # Catalogue credits move to the kept record (works is the many-to-many through work_makers).
        "work_makers", "works",
        # Events: participations, applications and jury seats follow the kept record (events.services).
        "event_participations", "event_applications", "jury_seats",
        # Claims to the profile and invitations to it follow the kept record (people.merging).
        "claims", "invitations",
        # Grants received follow the kept record (support.services.person_grants_move).
        "grants",
        # Music: credits, passings on (as teacher and student), ensemble seats, performances and recordings follow
        # the kept record (music.services.person_music_move); musical_works is the many-to-many through the credits.
        "musical_work_credits", "musical_works", "works_passed_on", "works_received", "ensemble_seats",
        "music_performances", "music_recordings",
    }  # fmt: skip
    reverse = {
        rel.related_name or rel.get_accessor_name()
        for rel in Person._meta.related_objects
        if not rel.related_model._meta.label.startswith("people.Historical")
        and not rel.related_model.__name__.startswith("Historical")
    }
    assert reverse - handled == set()
