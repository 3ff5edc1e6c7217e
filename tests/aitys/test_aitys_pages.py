"""The public bracket page: rounds as nested lists of duel tables in kk/ru/en, public names only, no personal
data, the audience vote for signed-in visitors, and a query count that does not grow with the bracket."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from craftcity.aitys import services
from craftcity.aitys.models import AudienceVote, Round
from craftcity.core.models import PublicationStatus


def _decide_round(aitys, juror_user):
    criteria = list(aitys.competition.criteria.all())
    round_ = aitys.rounds.get(status=Round.Status.OPEN)
    for duel in round_.duels.exclude(second__isnull=True):
        values = {
            duel.first_id: {str(c.pk): 9 for c in criteria},
            duel.second_id: {str(c.pk): 4 for c in criteria},
        }
        services.duel_scores_submit(user=juror_user, duel=duel, values=values)
    services.round_close(user=None, aitys=aitys)


@pytest.mark.parametrize(
    ("language", "heading", "final"),
    [("kk", "айтыс", "Финал"), ("ru", "айтыс", "Финал"), ("en", "aitys bracket", "Final")],
)
def test_the_bracket_reads_as_lists_and_tables_in_every_language(
    make_aitys, signed_in_juror, client, language, heading, final
):
    aitys, entries, jurors = make_aitys(6)
    services.aitys_draw(user=None, aitys=aitys)
    user = signed_in_juror(jurors[0])
    _decide_round(aitys, user)
    slug = aitys.competition.event.slug
    page = client.get(f"/{language}/events/{slug}/aitys/").content.decode()
    assert heading in page.lower()
    assert page.count('<li class="bracket-round">') == 2  # round one and the semi-finals so far
    assert page.count("<table") == 4 + 2
    assert '<th scope="row">' in page
    assert entries[0].person.display_name in page
    if language == "en":
        assert "advances" in page and "bye" in page and "Semi-finals" in page


def test_akyns_without_a_public_profile_are_shown_by_seed_and_no_personal_data_leaks(make_aitys, client):
    aitys, entries, _jurors = make_aitys(4)
    hidden = entries[3].person
    hidden.status = PublicationStatus.DRAFT
    hidden.save(update_fields=["status"])
    for entry in entries:
        person = entry.person
        person.email, person.phone, person.birth_year = f"akyn{entry.pk}@example.org", "+7 701 000 00 00", 1990
        person.save(update_fields=["email", "phone", "birth_year"])
    services.aitys_draw(user=None, aitys=aitys)
    page = client.get(f"/en/events/{aitys.competition.event.slug}/aitys/").content.decode()
    assert hidden.display_name not in page
    assert "Akyn 4" in page
    assert "@example.org" not in page and "+7 701" not in page and "1990" not in page
    assert f"/people/{hidden.pk}/" not in page


def test_the_bracket_page_costs_the_same_queries_for_eight_or_thirty_two_akyns(make_aitys, client):
    counts = []
    for size in (8, 32):
        aitys, _entries, _jurors = make_aitys(size)
        services.aitys_draw(user=None, aitys=aitys)
        url = f"/en/events/{aitys.competition.event.slug}/aitys/"
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        counts.append(len(context))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


def test_a_signed_in_visitor_votes_once_and_an_anonymous_one_is_asked_to_sign_in(make_aitys, make_user, client):
    aitys, _entries, _jurors = make_aitys(2)
    duel = services.aitys_draw(user=None, aitys=aitys).duels.get()
    url = f"/en/events/{aitys.competition.event.slug}/aitys/"
    assert "Sign in to vote" in client.get(url).content.decode()
    client.force_login(make_user())
    response = client.post(f"{url}vote/", {"duel": duel.pk, "akyn": duel.second_id}, follow=True)
    assert "Your vote is counted" in response.content.decode()
    again = client.post(f"{url}vote/", {"duel": duel.pk, "akyn": duel.first_id}, follow=True).content.decode()
    assert "already voted" in again or "You have voted in this duel" in again
    assert AudienceVote.objects.filter(duel=duel).count() == 1
    page = client.get(url).content.decode()
    assert "You have voted in this duel." in page


def test_an_aitys_of_an_unpublished_event_is_not_shown(make_aitys, client):
    aitys, _entries, _jurors = make_aitys(2)
    event = aitys.competition.event
    event.status = PublicationStatus.DRAFT
    event.save(update_fields=["status"])
    assert client.get(f"/en/events/{event.slug}/aitys/").status_code == 404


def test_the_api_gives_the_bracket_with_public_names_only(make_aitys, signed_in_juror, client):
    aitys, entries, jurors = make_aitys(4)
    hidden = entries[2].person
    hidden.status = PublicationStatus.DRAFT
    hidden.save(update_fields=["status"])
    services.aitys_draw(user=None, aitys=aitys)
    _decide_round(aitys, signed_in_juror(jurors[0]))
    body = client.get(f"/api/v1/events/{aitys.competition.event.slug}/aitys/").json()
    assert [r["number"] for r in body["rounds"]] == [1, 2]
    first = body["rounds"][0]["duels"][0]
    assert first["winner"] == first["first"]["application"] and first["decided_by"]
    names = [side["name"] for r in body["rounds"] for d in r["duels"] for side in (d["first"], d["second"]) if side]
    assert hidden.display_name not in names and "Akyn 3" in names
    assert "@" not in str(body)
    assert client.get(f"/api/v1/events/{aitys.competition.event.slug}/").json()["schedule"] == "scheduled"


def test_the_bracket_page_shows_the_local_time_a_registrar_entered(make_aitys, make_user, client):
    """A registrar types 18:00 in the back office: it is kept as that moment in Almaty (13:00 UTC) and every page
    shows 18:00 again, not the UTC clock nor the time the record happened to be written."""
    import datetime as dt
    import re

    from admin_forms import form_fields

    aitys, _entries, _jurors = make_aitys(4)
    event = aitys.competition.event
    client.force_login(make_user(role="registrar"))
    url = f"/en/admin/events/event/{event.pk}/change/"
    data = form_fields(client.get(url), "event_form")
    data.update(starts_at_0="2026-11-14", starts_at_1="18:00", ends_at_0="2026-11-14", ends_at_1="21:30")
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.starts_at == dt.datetime(2026, 11, 14, 13, 0, tzinfo=dt.UTC)
    client.logout()
    for language in ("kk", "ru", "en"):
        page = client.get(f"/{language}/events/{event.slug}/aitys/").content.decode()
        assert "18:00–21:30" in re.sub(r"<[^>]+>", "", page), language  # each end is a <time> element
