"""The registrar's review screens: queue, compare page, merge, reject, undo; and who may not see them."""

import pytest
from django.urls import reverse

from craftcity.linkage.models import DuplicateCandidate
from craftcity.linkage.services import duplicates_find
from craftcity.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(crowd, make_artisan):
    make_artisan("Айжан Беккулова", birth_year=1985, phone="+7 701 123 45 67", website="https://felt.example")
    make_artisan(
        "Айжан Беккулова", name_forms=("passport",), birth_year=1985, phone="87011234567", website="https://aizhan.kz"
    )
    duplicates_find()
    return DuplicateCandidate.objects.get()


@pytest.fixture
def registrar_client(client, make_user):
    client.force_login(make_user(role="registrar"))
    return client


def review_url(candidate):
    return reverse("admin:linkage_duplicatecandidate_review", args=[candidate.pk])


def test_the_queue_lists_pending_pairs_by_score_and_finds_them_by_name(registrar_client, candidate):
    url = reverse("admin:linkage_duplicatecandidate_changelist")
    assert registrar_client.get(url).status_code == 302  # opens on the pending pairs
    page = registrar_client.get(url, {"status__exact": "pending"})
    assert page.status_code == 200
    assert review_url(candidate) in page.content.decode()
    found = registrar_client.get(url, {"status__exact": "pending", "q": "Bekkulova"})
    assert review_url(candidate) in found.content.decode()
    missing = registrar_client.get(url, {"status__exact": "pending", "q": "Сапаров"})
    assert review_url(candidate) not in missing.content.decode()


def test_the_queue_does_not_query_per_row(registrar_client, candidate, make_artisan, django_assert_max_num_queries):
    make_artisan("Дәурен Омаров", birth_year=1972, region="shymkent")
    make_artisan("Дәурен Омаров", name_forms=("passport",), birth_year=1972, region="shymkent")
    duplicates_find()
    assert DuplicateCandidate.objects.count() == 2
    with django_assert_max_num_queries(12):
        registrar_client.get(reverse("admin:linkage_duplicatecandidate_changelist"), {"status__exact": "pending"})


def test_the_compare_page_shows_both_records_and_the_evidence(registrar_client, candidate):
    page = registrar_client.get(review_url(candidate))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Айжан Беккулова" in html and "Aizhan Bekkulova" in html
    assert 'name="field_website"' in html  # two different websites: the registrar chooses
    assert 'name="field_phone"' not in html  # one number written two ways is not a difference to choose
    assert "both exact" in html


def test_accepting_merges_with_the_chosen_values_and_a_second_post_changes_nothing(registrar_client, candidate):
    a, b = candidate.person_a, candidate.person_b
    response = registrar_client.post(
        review_url(candidate), {"action": "merge", "keep": "a", "field_website": "b"}, follow=True
    )
    assert response.status_code == 200
    kept = Person.objects.get(pk=a.pk)
    assert kept.website == "https://aizhan.kz"
    assert Person.objects.get(pk=b.pk).merged_into == kept
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.ACCEPTED

    again = registrar_client.post(review_url(candidate), {"action": "merge", "keep": "b"}, follow=True)
    assert "already decided" in again.content.decode()
    assert Person.objects.get(pk=a.pk).merged_into is None  # the reversed merge did not happen
    assert Person.objects.get(pk=b.pk).merged_into_id == a.pk


def test_undo_from_the_page_puts_the_pair_back(registrar_client, candidate):
    registrar_client.post(review_url(candidate), {"action": "merge", "keep": "a"})
    response = registrar_client.post(review_url(candidate), {"action": "undo"}, follow=True)
    assert "undone" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.is_pending
    assert Person.objects.active().filter(pk__in=[candidate.person_a_id, candidate.person_b_id]).count() == 2


def test_rejecting_keeps_both_records(registrar_client, candidate):
    registrar_client.post(review_url(candidate), {"action": "reject"})
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.REJECTED
    assert Person.objects.active().filter(pk__in=[candidate.person_a_id, candidate.person_b_id]).count() == 2


def test_a_post_without_the_csrf_token_is_refused(make_user, candidate):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(role="registrar"))
    response = client.post(review_url(candidate), {"action": "merge", "keep": "a"})
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.is_pending


def test_artisans_get_403_on_every_review_screen(client, make_user, candidate):
    client.force_login(make_user(role="artisan"))
    queue = reverse("admin:linkage_duplicatecandidate_changelist")
    assert client.get(queue, {"status__exact": "pending"}).status_code == 403
    assert client.get(review_url(candidate)).status_code == 403
    assert client.post(review_url(candidate), {"action": "merge", "keep": "a"}).status_code == 403
    candidate.refresh_from_db()
    assert candidate.is_pending
