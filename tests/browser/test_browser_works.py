"""The online catalogue in a real browser: from the main navigation to a work, a facet, its manifest."""

import pytest
from playwright.sync_api import expect

from craftcity.taxonomy.models import CreativeField, Discipline
from craftcity.works import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_browses_the_catalogue(page, make_person):
    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    felt = Discipline.objects.create(slug="felt", field=field, name={"en": "Felt"})
    glass = Discipline.objects.create(slug="glass", field=field, name={"en": "Glass"})
    maker = make_person("Лейла Уолтер")
    for title, craft in (("Glass bowl with Almaty pears", glass), ("Syrmak", felt)):
        services.work_publish(work=services.work_create(title={"en": title}, makers=[maker], discipline=craft))
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Works").click()
    expect(page.locator("h1")).to_have_text("Works in the catalogue")
    page.get_by_role("link", name="Glass 1").click()
    expect(page.locator(".cards li")).to_have_count(1)
    page.get_by_role("link", name="Glass bowl with Almaty pears").click()
    expect(page.locator("h1")).to_have_text("Glass bowl with Almaty pears")
    assert "Leila Uolter" in page.locator(".facts").inner_text()  # the English page reads the Latin form
    page.get_by_role("link", name="IIIF manifest").click()
    assert '"type": "Manifest"' in page.content() or '"Manifest"' in page.content()
