"""Cataloguing rules: clear errors for duplicates and dates out of order, nothing half-saved, who may edit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from craftcity.works import services
from craftcity.works.models import ProvenanceEvent, Work, WorkMaker


def test_duplicate_accession_number_in_one_collection_is_refused_clearly(make_work, collection):
    make_work(collection=collection, accession_number="KP-001")
    with pytest.raises(ValidationError) as error:
        make_work(collection=collection, accession_number="KP-001")
    assert "accession number is already used in this collection" in str(error.value)
    assert Work.objects.filter(accession_number="KP-001").count() == 1
    assert WorkMaker.objects.count() == 1  # the refused work left no makers behind


def test_the_same_accession_number_in_another_collection_is_fine(make_work, collection):
    other = services.collection_create(slug="other", name={"en": "Other"})
    make_work(collection=collection, accession_number="KP-001")
    make_work(collection=other, accession_number="KP-001")
    assert Work.objects.filter(accession_number="KP-001").count() == 2


def test_the_database_refuses_a_duplicate_even_past_the_service(make_work, collection):
    from django.db import IntegrityError, transaction

    first = make_work(collection=collection, accession_number="KP-9")
    with pytest.raises(IntegrityError), transaction.atomic():
        Work.objects.create(title={"en": "x"}, collection=collection, accession_number=first.accession_number)


def test_years_out_of_order_are_refused(make_work):
    with pytest.raises(ValidationError, match=r"end year \(1990\) is before the start year \(2001\)"):
        make_work(year_from=2001, year_to=1990)
    assert not Work.objects.exists()


def test_provenance_out_of_order_refuses_the_whole_work(make_work):
    with pytest.raises(ValidationError, match="Provenance event 2"):
        make_work(
            provenance=[{"kind": "made", "year_from": 1960}, {"kind": "loaned", "year_from": 2010, "year_to": 2005}]
        )
    assert not Work.objects.exists()
    assert not ProvenanceEvent.objects.exists()


def test_accession_number_needs_a_collection(make_work):
    with pytest.raises(ValidationError, match="belongs to a collection"):
        make_work(accession_number="X-1")


def test_lifecycle_draft_published_withdrawn(make_work):
    work = make_work(publish=False)
    assert work.status == Work.Status.DRAFT and work.published_at is None
    services.work_publish(work=work)
    first = work.published_at
    assert work.status == Work.Status.PUBLISHED and first is not None
    services.work_withdraw(work=work)
    assert work.status == Work.Status.WITHDRAWN
    services.work_publish(work=work)
    assert work.published_at == first


def test_status_cannot_be_set_by_an_update(make_work):
    work = make_work(publish=False)
    with pytest.raises(ValidationError):
        services.work_update(work=work, status=Work.Status.PUBLISHED)


def test_artisan_catalogues_own_work_but_not_someone_elses(make_user, make_person, make_work):
    user = make_user(role="artisan")
    me = make_person("Өз Шебер", user=user)
    other = make_person("Басқа Шебер")
    mine = services.work_create(actor=user, title={"en": "My ring"}, makers=[me])
    services.work_update(actor=user, work=mine, dimensions="2 cm")
    with pytest.raises(PermissionDenied, match="only works you made"):
        services.work_create(actor=user, title={"en": "Not mine"}, makers=[other])
    with pytest.raises(PermissionDenied):
        services.work_update(actor=user, work=make_work(makers=[other]), dimensions="1 cm")
    with pytest.raises(PermissionDenied, match="Only curators"):
        services.work_publish(actor=user, work=mine)


def test_an_artisan_stays_among_the_makers_of_their_own_work(make_user, make_person, make_work):
    user = make_user(role="artisan")
    me, other = make_person("Өз Шебер", user=user), make_person("Басқа Шебер")
    mine = services.work_create(actor=user, title={"en": "My ring"}, makers=[me])
    stamped = mine.updated_at
    services.work_makers_set(actor=user, work=mine, makers=[me, other])
    mine.refresh_from_db()
    assert mine.updated_at > stamped  # harvesters and cached pages learn of the new maker
    with pytest.raises(PermissionDenied, match="remove yourself"):
        services.work_makers_set(actor=user, work=mine, makers=[other])
    with pytest.raises(PermissionDenied, match="remove yourself"):
        services.work_update(actor=user, work=mine, makers=[])
    assert list(mine.makers.order_by("work_makers__position")) == [me, other]
    with pytest.raises(PermissionDenied, match="may not edit this work"):
        services.work_provenance_set(actor=user, work=make_work(makers=[other]), events=[])


def test_curator_catalogues_and_publishes(make_user, make_person):
    curator = make_user(role="curator")
    work = services.work_create(actor=curator, title={"en": "Bowl"}, makers=[make_person()])
    services.work_publish(actor=curator, work=work)
    assert work.is_published


def test_exhibition_dates_in_order(make_work):
    with pytest.raises(ValidationError, match="closes before it opens"):
        services.exhibition_create(slug="x", title={"en": "X"}, starts_on="2025-10-05", ends_on="2025-10-01")
