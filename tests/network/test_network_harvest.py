"""The hub harvests partner cities' change streams: from where it stopped, conditionally, and a partner that
misbehaves stops only its own harvest, with a clear error, leaving the local registry untouched."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from network_partners import activity, person_record, slow

from craftcity.network.models import HarvestReport, NetworkRecord, PartnerCity
from craftcity.network.services import network_harvest, partner_city_add
from craftcity.people.models import Person
from craftcity.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _report(run, city):
    return run.reports.get(city__slug=city.slug)


def _people(city, count, *, start=0):
    return [activity(city, "Create", n, start + n) for n in range(1, count + 1)]


def test_network_add_reads_the_description_from_the_site_root(partner):
    city = partner()
    added = partner_city_add(base_url=city.base + "/")
    assert added.slug == "samarkand-demo"
    assert added.name["en"] == "Samarkand (demo)"
    assert added.designations[0]["year"] == 2021
    assert (added.latitude, added.longitude) == (39.65, 66.96)
    assert sorted(added.streams.values_list("kind", flat=True)) == ["event", "person"]
    assert added.description_url == city.url("/.well-known/craftcity")


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (lambda h: (200, {}, b"<html>hello</html>"), "did not send JSON"),
        ({"type": "Dataset", "name": {"en": "X"}}, "“type” must be “CraftCity”"),
        ({"type": "CraftCity", "slug": "Bad Slug", "name": {"en": "X"}, "streams": {}}, "“slug” must be"),
        ({"type": "CraftCity", "slug": "x", "name": {}, "streams": {"people": "ftp://x"}}, "needs the city's name"),
        (lambda h: (404, {}, b"{}"), "answered HTTP 404"),
    ],
)
def test_network_add_refuses_what_is_not_a_description_and_says_why(partner, route, message):
    city = partner()
    city.routes["/.well-known/craftcity"] = route
    with pytest.raises(CommandError) as error:
        call_command("network_add", city.base, stdout=io.StringIO())
    assert message in str(error.value)
    assert city.url("/.well-known/craftcity") in str(error.value)
    assert not PartnerCity.objects.exists()


def test_network_add_refuses_an_address_that_is_not_on_the_web():
    with pytest.raises(CommandError, match="not a web address"):
        call_command("network_add", "file:///etc/passwd", stdout=io.StringIO())


def test_first_harvest_reads_everything_and_reports_it(partner):
    city = partner()
    city.stream("people", _people(city, 5))
    partner_city_add(base_url=city.base)
    out = io.StringIO()
    call_command("network_harvest", stdout=out)
    record = NetworkRecord.objects.get(uri=city.url("/id/person/1"))
    assert record.name == {"ru": "Гульнара Сейткали", "en": "Gulnara Seitkali"}
    assert record.url["en"] == city.url("/en/people/1/")
    assert record.crafts["en"] == "Embroidery"
    assert NetworkRecord.objects.count() == 5
    assert "samarkand-demo: Harvested — 5 new, 0 updated, 0 deleted" in out.getvalue()


def test_the_next_harvest_starts_from_the_last_change_seen_and_walks_back_only_that_far(partner):
    city = partner()
    activities = _people(city, 10)
    city.stream("people", activities, page_size=2)
    partner_city_add(base_url=city.base)
    network_harvest()
    city.requests.clear()
    activities += [
        activity(city, "Update", 3, 20, record=person_record(city, 3, name={"ru": "Айгерим Нурлан"})),
        activity(city, "Delete", 4, 21),
        activity(city, "Create", 11, 22),
    ]
    city.stream("people", activities, page_size=2)
    run = network_harvest()
    report = _report(run, city)
    assert (report.created, report.updated, report.deleted) == (1, 1, 1)
    assert NetworkRecord.objects.get(uri=city.url("/id/person/3")).name["ru"] == "Айгерим Нурлан"
    assert not NetworkRecord.objects.filter(uri=city.url("/id/person/4")).exists()
    # 13 activities on 7 pages: the walk back stops at page 5, which starts before the last change seen.
    assert city.requested("/changes/people/page/") == [f"/changes/people/page/{n}" for n in (7, 6, 5)]


def test_changes_sharing_one_moment_do_not_make_the_next_harvest_read_the_whole_stream(partner):
    city = partner()
    bulk = [activity(city, "Create", n, 1) for n in range(1, 9)]  # one import: every change at the same moment
    city.stream("people", bulk, page_size=2)
    partner_city_add(base_url=city.base)
    network_harvest()
    city.requests.clear()
    city.stream("people", [*bulk, activity(city, "Create", 9, 5)], page_size=2)
    run = network_harvest()
    assert _report(run, city).created == 1
    assert city.requested("/changes/people/page/") == ["/changes/people/page/5", "/changes/people/page/4"]


def test_a_stream_with_nothing_new_is_asked_conditionally_and_not_read(partner):
    city = partner()
    city.stream("people", _people(city, 3))
    partner_city_add(base_url=city.base)
    network_harvest()
    city.requests.clear()
    run = network_harvest()
    assert _report(run, city).outcome == HarvestReport.Outcome.UNCHANGED
    asked = dict(city.requests)["/changes/people/"]
    assert asked["If-None-Match"].startswith('"people-3')
    assert city.requested("/changes/people/page/") == []


def test_a_delete_of_a_record_the_hub_never_had_is_ignored_and_counted(partner):
    city = partner()
    city.stream("people", [*_people(city, 2), activity(city, "Delete", 99, 10)])
    partner_city_add(base_url=city.base)
    run = network_harvest()
    report = _report(run, city)
    assert report.outcome == HarvestReport.Outcome.OK
    assert (report.created, report.ignored, report.deleted) == (2, 1, 0)


def test_a_record_without_embedded_json_ld_is_read_from_see_also(partner):
    city = partner()
    item = activity(city, "Create", 7, 1)
    del item["record"]
    city.routes["/id/person/7.jsonld"] = person_record(city, 7, name={"ru": "Бахтияр Каримов"})
    city.stream("people", [item])
    partner_city_add(base_url=city.base)
    network_harvest()
    assert NetworkRecord.objects.get().name["ru"] == "Бахтияр Каримов"


def test_a_record_inside_the_activitys_object_is_read_without_another_request(partner):
    city = partner()
    item = activity(city, "Create", 8, 1)
    item["object"]["record"] = item.pop("record")
    city.stream("people", [item])
    partner_city_add(base_url=city.base)
    network_harvest()
    assert NetworkRecord.objects.get().name["en"] == "Gulnara Seitkali"
    assert city.requested("/id/") == []


def test_a_change_to_a_record_no_longer_public_is_skipped_and_its_delete_applied(partner):
    city = partner()
    update = activity(city, "Update", 1, 2)
    del update["record"]  # the partner no longer has a document for it (404 at seeAlso)
    city.stream("people", [activity(city, "Create", 1, 1), update, activity(city, "Delete", 1, 3)])
    partner_city_add(base_url=city.base)
    run = network_harvest()
    report = _report(run, city)
    assert report.outcome == HarvestReport.Outcome.OK
    assert (report.created, report.ignored, report.deleted) == (1, 1, 1)
    assert not NetworkRecord.objects.exists()


def test_personal_data_a_partner_sends_never_reaches_the_hub(partner):
    city = partner()
    record = person_record(
        city, 1, email="private@example.org", telephone="+998 90 123 45 67", birthDate="1980-02-03",
        address={"streetAddress": "Registan 5, flat 12"},
    )  # fmt: skip
    city.stream("people", [activity(city, "Create", 1, 1, record=record)])
    partner_city_add(base_url=city.base)
    network_harvest()
    stored = str(list(NetworkRecord.objects.values()))
    for secret in ("private@example.org", "123 45 67", "1980-02-03", "Registan"):
        assert secret not in stored


def _local_registry():
    return Person.objects.count(), SearchEntry.objects.count()


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("down", "cannot be reached"),
        ("slow", "too slow"),
        ("junk", "did not send JSON"),
        ("loop", "loop"),
        ("foreign-uri", "did the partner change its URIs?"),
        ("moved-stream", "moved its people stream"),
        ("renamed", "now calls itself"),
        ("no-end-time", "has no endTime"),
        ("server-error", "answered HTTP 500"),
    ],
)
def test_a_broken_partner_stops_only_itself_and_the_next_harvest_resumes(
    partner, make_person, settings, breakage, message
):
    settings.CRAFTCITY_NETWORK_TIMEOUT = 1.0
    make_person()
    good, bad = partner("almaty-hub-friend"), partner("bad-city")
    good.stream("people", _people(good, 3))
    bad.stream("people", _people(bad, 4))
    partner_city_add(base_url=good.base)
    partner_city_add(base_url=bad.base)
    local = _local_registry()
    healthy_routes = dict(bad.routes)
    if breakage == "down":
        bad.server.shutdown()
        bad.server.server_close()
    elif breakage == "slow":
        bad.routes["/changes/people/page/2"] = slow(2.5)
    elif breakage == "junk":
        bad.routes["/changes/people/page/2"] = lambda h: (200, {}, b"<!doctype html><p>Maintenance")
    elif breakage == "loop":
        bad.routes["/changes/people/page/2"]["next"] = {"id": bad.url("/changes/people/page/1")}
    elif breakage == "foreign-uri":
        bad.routes["/changes/people/page/2"]["orderedItems"][0]["object"]["id"] = "https://elsewhere.example/p/3"
    elif breakage == "moved-stream":
        PartnerCity.objects.get(slug="bad-city").streams.update(url=bad.url("/old/people/"))
    elif breakage == "renamed":
        bad.describe(slug="bad-city-2")
    elif breakage == "no-end-time":
        del bad.routes["/changes/people/page/2"]["orderedItems"][0]["endTime"]
    elif breakage == "server-error":
        bad.routes["/changes/people/page/2"] = lambda h: (500, {}, b"{}")

    with translation.override("en"):  # the report is written in the language the harvest runs in
        run = network_harvest()

    report = _report(run, bad)
    assert report.outcome == HarvestReport.Outcome.FAILED
    assert message in report.error
    assert PartnerCity.objects.get(slug="bad-city").harvest_error == report.error
    assert _report(run, good).outcome == HarvestReport.Outcome.OK
    assert NetworkRecord.objects.filter(city__slug="almaty-hub-friend").count() == 3
    assert _local_registry() == local
    if breakage in {"down", "moved-stream"}:
        return
    # Fixed: the next harvest finishes the stream, without reading again what was applied.
    bad.routes.update(healthy_routes)
    bad.stream("people", _people(bad, 4))
    if breakage == "renamed":
        bad.describe()
    run = network_harvest(slug="bad-city")
    assert _report(run, bad).outcome != HarvestReport.Outcome.FAILED
    assert NetworkRecord.objects.filter(city__slug="bad-city").count() == 4


def test_a_slow_partner_is_retried_with_backoff_before_it_fails(partner, settings):
    settings.CRAFTCITY_NETWORK_TIMEOUT = 1.0
    city = partner()
    city.stream("people", _people(city, 2))
    partner_city_add(base_url=city.base)
    city.routes["/changes/people/"] = slow(2.5)
    run = network_harvest()
    assert "Gave up after 3 attempts" in _report(run, city).error
    assert len(city.requested("/changes/people/")) == 3


def test_a_passing_failure_is_retried_and_the_harvest_succeeds(partner):
    city = partner()
    city.stream("people", _people(city, 2))
    partner_city_add(base_url=city.base)
    page = city.routes["/changes/people/page/1"]
    answers = iter([(503, {}, b"{}")])
    city.routes["/changes/people/page/1"] = lambda h: (
        next(answers, None) or (200, {}, __import__("json").dumps(page).encode())
    )
    run = network_harvest()
    assert _report(run, city).outcome == HarvestReport.Outcome.OK
    assert NetworkRecord.objects.count() == 2


def test_a_record_without_a_name_is_skipped_and_reported_the_rest_goes_in(partner):
    city = partner()
    nameless = activity(city, "Create", 2, 2, record={"@type": "Person", "email": "x@example.org"})
    city.stream("people", [activity(city, "Create", 1, 1), nameless, activity(city, "Create", 3, 3)])
    partner_city_add(base_url=city.base)
    run = network_harvest()
    report = _report(run, city)
    assert (report.created, report.failed) == (2, 1)
    assert city.url("/id/person/2") in report.error and "has no name" in report.error


def test_the_harvest_command_exits_non_zero_when_a_city_failed_and_names_it(partner):
    city = partner()
    city.stream("people", _people(city, 1))
    partner_city_add(base_url=city.base)
    city.routes["/changes/people/"] = lambda h: (200, {}, b"junk")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("network_harvest", "--city", city.slug, stdout=out)
    assert "samarkand-demo: Failed" in out.getvalue()
    assert "did not send JSON" in out.getvalue()


def test_the_harvest_command_refuses_an_unknown_city():
    with pytest.raises(CommandError, match="No partner city has the slug “nowhere”"):
        call_command("network_harvest", "--city", "nowhere", stdout=io.StringIO())


def test_the_harvest_runs_on_the_frequent_schedule(partner):
    from craftcity.core import schedule
    from craftcity.network.tasks import network_harvest_job

    assert network_harvest_job in schedule.scheduled("frequent")
    city = partner()
    city.stream("people", _people(city, 2))
    partner_city_add(base_url=city.base)
    result = network_harvest_job.enqueue()
    assert result.return_value["cities"] == {city.slug: "ok"}
    assert NetworkRecord.objects.count() == 2


def test_name_keys_are_written_with_the_records_and_replaced_when_a_name_changes(partner):
    from craftcity.network.models import NetworkKey

    city = partner()
    activities = _people(city, 3)
    city.stream("people", activities)
    partner_city_add(base_url=city.base)
    network_harvest()
    record = NetworkRecord.objects.get(uri=city.url("/id/person/1"))
    keys = set(NetworkKey.objects.filter(record=record).values_list("key", flat=True))
    assert keys and keys == set(record.keys.split())  # every key of the record, once
    activities += [
        activity(city, "Update", 1, 20, record=person_record(city, 1, name={"ru": "Айгерим Нурлан"})),
        activity(city, "Delete", 2, 21),
    ]
    city.stream("people", activities)
    network_harvest()
    record = NetworkRecord.objects.get(uri=city.url("/id/person/1"))
    renamed = set(NetworkKey.objects.filter(record=record).values_list("key", flat=True))
    assert renamed == set(record.keys.split()) and renamed != keys  # the old name's keys are gone
    assert NetworkKey.objects.count() == sum(len(set(r.keys.split())) for r in NetworkRecord.objects.all())
