"""Finding duplicates across the whole registry: what is queued, and what never is."""

import pytest
from django.core.management import CommandError, call_command

from craftcity.lineage.services import relation_create
from craftcity.linkage.models import DuplicateCandidate
from craftcity.linkage.services import candidate_reject, candidates_for, duplicates_find

pytestmark = pytest.mark.django_db


def queued_pairs() -> set[tuple[int, int]]:
    return set(DuplicateCandidate.objects.values_list("person_a_id", "person_b_id"))


def pair_of(a, b) -> tuple[int, int]:
    return (min(a.pk, b.pk), max(a.pk, b.pk))


def test_the_same_person_in_cyrillic_and_passport_latin_is_queued_with_evidence(crowd, make_artisan):
    cyrillic = make_artisan("Айжан Беккулова", birth_year=1985, phone="+7 701 123 45 67")
    latin = make_artisan("Айжан Беккулова", name_forms=("passport",), birth_year=1985, phone="8(701)1234567")

    call_command("find_duplicates", verbosity=0)

    assert queued_pairs() == {pair_of(cyrillic, latin)}
    candidate = DuplicateCandidate.objects.get()
    assert candidate.is_pending and candidate.match_probability >= 0.9
    evidence = {item["field"]: item for item in candidate.evidence}
    assert {evidence["name"]["a"], evidence["name"]["b"]} == {"Айжан Беккулова", "Aizhan Bekkulova"}
    assert evidence["phone"]["level"] == "same" and evidence["birth_year"]["weight"] > 0
    assert candidate.cluster_key


def test_dry_run_reports_but_queues_nothing(crowd, make_artisan, capsys):
    make_artisan("Айжан Беккулова", birth_year=1985)
    make_artisan("Айжан Беккулова", name_forms=("passport",), birth_year=1985)
    call_command("find_duplicates", "--dry-run", verbosity=0)
    assert "1 likely duplicate pairs; 1 new" in capsys.readouterr().out
    assert not DuplicateCandidate.objects.exists()


def test_a_bad_threshold_is_refused():
    with pytest.raises(CommandError):
        call_command("find_duplicates", "--threshold", "1.5", verbosity=0)


def test_a_rejected_pair_is_not_queued_again(crowd, make_artisan, make_user):
    make_artisan("Айжан Беккулова", birth_year=1985)
    make_artisan("Айжан Беккулова", name_forms=("passport",), birth_year=1985)
    duplicates_find()
    candidate = DuplicateCandidate.objects.get()
    candidate_reject(actor=make_user(role="registrar"), candidate=candidate)

    result = duplicates_find()

    assert result.created == 0 and result.kept_rejected == 1
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.REJECTED
    assert DuplicateCandidate.objects.count() == 1


def test_a_second_run_refreshes_pending_pairs_without_duplicating_them(crowd, make_artisan):
    make_artisan("Айжан Беккулова", birth_year=1985)
    make_artisan("Айжан Беккулова", name_forms=("passport",), birth_year=1985)
    assert duplicates_find().created == 1
    again = duplicates_find()
    assert (again.created, again.updated) == (0, 1)
    assert DuplicateCandidate.objects.count() == 1


def test_father_and_son_of_one_dynasty_are_never_candidates(crowd, make_artisan):
    father = make_artisan("Ерлан Сапаров", birth_year=1950, region="shymkent", craft="jewellery")
    son = make_artisan("Нұрлан Ерланұлы Сапаров", birth_year=1978, region="shymkent", craft="jewellery")
    relation_create(kind="family", senior=father, junior=son)
    # A son registered under his father's name and year (a copying slip in a regional list) looks identical
    # to the matcher; the recorded relation still says they are two people.
    namesake_son = make_artisan("Ерлан Сапаров", birth_year=1950, region="shymkent", craft="jewellery")
    relation_create(kind="family", senior=father, junior=namesake_son)

    result = duplicates_find()

    assert result.skipped_related == 1
    assert queued_pairs() == set()


def test_namesakes_with_different_birth_years_and_regions_are_not_queued(crowd, make_artisan):
    make_artisan("Асель Нурланова", birth_year=1960, region="pavlodar", craft="pottery")
    make_artisan("Әсел Нұрланова", birth_year=1991, region="aktobe", craft="pottery")
    assert duplicates_find().pairs == []
    assert queued_pairs() == set()


def test_merged_records_are_left_out_of_the_next_run(crowd, make_artisan, make_user):
    from craftcity.linkage.services import person_merge

    keep = make_artisan("Айжан Беккулова", birth_year=1985)
    absorb = make_artisan("Айжан Беккулова", name_forms=("passport",), birth_year=1985)
    duplicates_find()
    person_merge(actor=make_user(role="registrar"), keep=keep, absorb=absorb)
    result = duplicates_find()
    assert result.pairs == [] and result.kept_rejected == 0


def test_an_importer_can_match_incoming_rows_against_the_registry(crowd, make_artisan):
    person = make_artisan("Айжан Беккулова", birth_year=1985)
    rows = [
        {"full_name": "Aizhan Bekkulova", "birth_year": "1985", "region": "Almaty", "craft": "felt"},
        {"full_name": "Дәурен Омаров", "birth_year": "1972", "region": "Шымкент", "craft": "керамика"},
        {"full_name": "Dauren Omarov", "birth_year": "1972", "region": "Shymkent", "craft": "pottery"},
    ]
    matches = candidates_for(rows)
    found = {(m.row, m.person_id, m.other_row) for m in matches}
    assert found == {(0, person.pk, None), (1, None, 2)}
    first = next(m for m in matches if m.row == 0)
    assert {item["field"]: item["a"] for item in first.evidence}["name"] == "Aizhan Bekkulova"
    assert not DuplicateCandidate.objects.exists()
