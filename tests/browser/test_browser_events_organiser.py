"""An organiser in the back office sees only their organization's events and adds one for it, in a real browser."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from craftcity.events.models import Event, EventOrganization
from craftcity.events.services import event_create
from craftcity.organizations.services import membership_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_organiser_runs_their_organizations_events_and_no_others(
    page, login, make_user, make_person, make_organization
):
    felt = make_organization("felt-guild", name={"en": "Felt guild"})
    silver = make_organization("silver-union", name={"en": "Silver union"})
    for slug, name, organization in (("felt-fair", "Felt fair", felt), ("silver-fair", "Silver fair", silver)):
        event_create(
            slug=slug, kind="fair", name={"en": name}, starts_at=timezone.now(),
            organizations=[(organization, EventOrganization.Role.ORGANISER)],
        )  # fmt: skip
    organiser = make_user("dana", role="organiser")
    membership_create(person=make_person("Дана Оспанова", user=organiser), organization=felt)
    login("dana")

    page.goto("/en/admin/events/event/")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Felt fair")
    other = page.goto(f"/en/admin/events/event/{Event.objects.get(slug='silver-fair').pk}/change/")
    assert other.status == 403

    page.goto("/en/admin/events/event/add/")
    page.select_option("#id_kind", "workshop")
    page.fill("#id_name_2", "Felt workshop")
    page.fill("#id_slug", "felt-workshop")
    page.fill("#id_starts_at_0", "2026-11-14")
    page.fill("#id_starts_at_1", "11:00")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Felt guild, your organization, was named the organiser.")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    workshop = Event.objects.get(slug="felt-workshop")
    assert [link.organization.slug for link in workshop.organizations.all()] == ["felt-guild"]
