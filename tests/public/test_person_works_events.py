"""A person's page lists their published works and the published events they take part in."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from jsonld import page_jsonld

from craftcity.events.models import Event, Participant
from craftcity.events.services import event_create
from craftcity.works import services as works
from craftcity.works.models import Work, WorkMaker

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def maker(make_person):
    return make_person(
        names=[
            {"full_name": "Икрамжан Рафиков", "language": "kk", "form": "kk_cyrl", "is_primary": True},
            {"full_name": "Ikramzhan Rafikov", "language": "en", "form": "press", "is_primary": True},
        ]
    )


def _work(title: str, makers, *, publish=True, **fields) -> Work:
    work = works.work_create(title={"en": title, "kk": f"{title} (kk)"}, makers=makers, **fields)
    return works.work_publish(work=work) if publish else work


def _event(slug: str, *, starts_at=None, person=None, role=Participant.Role.EXHIBITOR, **fields) -> Event:
    event = event_create(
        slug=slug, kind=Event.Kind.FAIR, name={"en": slug.title()}, starts_at=starts_at or NOW, **fields
    )
    if person is not None:
        Participant.objects.create(event=event, person=person, role=role)
    return event


def _page(client, person) -> str:
    response = client.get(f"/en/people/{person.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _links(html: str, section: str) -> list[str]:
    """Links to single works or events (not to the lists)."""
    return re.findall(rf'<a href="/en/{section}/[^/?"]+/">', html)


def _jsonld(html: str) -> dict:
    (data,) = page_jsonld(html)
    return data


def test_the_page_lists_published_works_with_year_and_role_and_hides_the_others(client, maker, make_person):
    ring = _work("Silver ring", [(maker, WorkMaker.Role.MAKER)], year_from=2023, year_to=2024)
    _work("Draft bowl", [maker], publish=False)
    withdrawn = _work("Withdrawn felt", [maker])
    works.work_withdraw(work=withdrawn)
    _work("Someone else's", [make_person("Басқа Шебер")])
    html = _page(client, maker)
    assert f'<a href="/en/works/{ring.pk}/">Silver ring</a>, 2023–2024 <span class="muted">(Maker)</span>' in html
    assert "Draft bowl" not in html and "Withdrawn felt" not in html and "Someone else" not in html


def test_a_person_credited_twice_on_one_work_sees_it_once_with_both_roles(client, maker):
    _work("Saddle", [(maker, WorkMaker.Role.DESIGNER), (maker, WorkMaker.Role.MAKER)])
    html = _page(client, maker)
    assert html.count(">Saddle</a>") == 1 and "(Designer, Maker)" in html


def test_the_page_lists_published_events_coming_first_and_hides_unpublished_ones(client, maker):
    fair = _event("autumn-fair", starts_at=NOW + dt.timedelta(days=30), person=maker)
    _event("old-festival", starts_at=NOW - dt.timedelta(days=400), person=maker, role=Participant.Role.PERFORMER)
    _event("secret-draft", starts_at=NOW + dt.timedelta(days=5), person=maker, status="draft")
    _event("not-mine", starts_at=NOW + dt.timedelta(days=5))
    html = _page(client, maker)
    assert f'<a href="/en/events/{fair.slug}/">Autumn-Fair</a>' in html and "(Exhibitor)" in html
    assert "Old-Festival" in html and "(Performer)" in html
    body = html[html.index("<article") :]  # the JSON-LD in the head names the events too
    order = ["Upcoming events", "Autumn-Fair", "Past events", "Old-Festival"]
    assert [body.index(text) for text in order] == sorted(body.index(text) for text in order)
    assert "Secret-Draft" not in html and "/events/secret-draft/" not in html and "Not-Mine" not in html


def test_json_ld_names_the_events_the_person_takes_part_in(client, maker):
    _event("autumn-fair", starts_at=NOW + dt.timedelta(days=30), person=maker)
    _event("secret-draft", person=maker, status="draft")
    _work("Silver ring", [maker])
    data = _jsonld(_page(client, maker))
    assert data["@type"] == "Person" and data["name"] == "Ikramzhan Rafikov"
    (event,) = data["performerIn"]
    assert event["@type"] == "SaleEvent" and event["name"] == "Autumn-Fair"  # a fair, as schema.org types it
    assert event["url"] == "http://testserver/en/events/autumn-fair/" and event["startDate"][:4].isdigit()


def test_the_page_takes_as_many_queries_for_ten_works_and_events_as_for_one(client, maker, make_person):
    partner = make_person("Серік Шебер")

    def count(n: int) -> int:
        Work.objects.all().delete()
        Event.objects.all().delete()
        for i in range(n):
            _work(f"Work {i}", [maker, partner], year_from=2000 + i)
            _event(f"fair-{i}", starts_at=NOW + dt.timedelta(days=i - n // 2), person=maker)
        cache.clear()  # count a render, not a cache hit
        with CaptureQueriesContext(connection) as ctx:
            html = _page(client, maker)
        assert len(_links(html, "works")) == n and len(_links(html, "events")) == n
        return len(ctx.captured_queries)

    assert count(1) == count(10)


def test_beyond_twelve_works_the_page_links_to_the_catalogue_filtered_by_maker(client, maker, make_person):
    for year in range(2000, 2014):
        _work(f"Piece {year}", [maker], year_from=year)
    _work("Not theirs", [make_person("Басқа Шебер")])
    html = _page(client, maker)
    assert len(_links(html, "works")) == 12 and "Piece 2013" in html and "Piece 2001" not in html
    assert f'href="/en/works/?maker={maker.pk}"' in html
    catalogue = client.get(f"/en/works/?maker={maker.pk}").content.decode()
    assert "Piece 2000" in catalogue and "Piece 2013" in catalogue and "Not theirs" not in catalogue
    assert "Ikramzhan Rafikov" in catalogue and 'aria-current="true"' in catalogue  # the filter shows, to remove


def test_the_catalogue_filtered_by_a_person_who_is_not_public_shows_nothing(client, make_person):
    draft = make_person("Жасырын Шебер", status="draft")
    _work("Hidden maker's piece", [draft])
    html = client.get(f"/en/works/?maker={draft.pk}").content.decode()
    assert "Hidden maker" not in html and "Жасырын" not in html
    assert client.get("/en/works/?maker=x1").status_code == 200


def test_a_cached_page_shows_a_newly_published_work_and_a_new_participation(client, maker):
    draft = _work("Fresh ring", [maker], publish=False)
    fair = _event("winter-fair", starts_at=NOW + dt.timedelta(days=60))
    assert "Fresh ring" not in _page(client, maker)
    with CaptureQueriesContext(connection) as ctx:
        _page(client, maker)
    assert not any("people_personname" in q["sql"] for q in ctx.captured_queries)  # served from the cache

    works.work_publish(work=draft)
    assert "Fresh ring" in _page(client, maker)
    Participant.objects.create(event=fair, person=maker, role=Participant.Role.SPEAKER)
    assert "Winter-Fair" in _page(client, maker)
    works.work_withdraw(work=draft)
    assert "Fresh ring" not in _page(client, maker)


def test_a_cached_page_follows_changes_to_a_works_makers(client, maker, make_person):
    other = make_person("Басқа Шебер")
    work = _work("Shared bowl", [other])
    assert "Shared bowl" not in _page(client, maker)
    work.makers.add(maker, through_defaults={"role": WorkMaker.Role.ASSISTANT})  # m2m_changed, no post_save
    assert "Shared bowl" in _page(client, maker) and "(Assistant)" in _page(client, maker)
    works.work_update(work=work, makers=[other])
    assert "Shared bowl" not in _page(client, maker)


def test_a_crafts_page_lists_its_latest_works_and_links_to_all_of_them(client, maker):
    from craftcity.taxonomy.models import CreativeField, Discipline

    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    jewellery = Discipline.objects.create(slug="jewellery", field=field, name={"en": "Jewellery"})
    for year in range(2000, 2014):
        _work(f"Ring {year}", [maker], year_from=year, discipline=jewellery)
    _work("Unpublished brooch", [maker], publish=False, discipline=jewellery)
    html = client.get("/en/crafts/jewellery/").content.decode()
    assert "Ring 2013" in html and "Ring 2002" in html
    assert "Ring 2001" not in html  # beyond the twelve latest
    assert "Unpublished brooch" not in html
    assert "/en/works/?discipline=jewellery" in html and "All 14 works in the catalogue" in html
    with translation.override("ru"):
        assert "Все 14 произведений в каталоге" in client.get("/ru/crafts/jewellery/").content.decode()
