"""The design system as a visitor on a phone meets it: the menu, the facet panel, tap targets, the pager, sort
orders and the branded 404 page, in a real Chromium at phone and desktop widths."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people(make_person):
    names = ["Zhanna Tulegen", "Adil Kenzhe", "Mira Saken"] + [f"Master {n:02d}" for n in range(27)]
    return [
        make_person(names=[{"full_name": name, "language": "en", "form": "press", "is_primary": True}])
        for name in names
    ]


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def _expanded(page, selector: str) -> bool | None:
    """The expanded state the browser gives assistive technology for an element (Chromium's accessibility tree)."""
    session = page.context.new_cdp_session(page)
    node = session.send("DOM.getDocument")["root"]["nodeId"]
    target = session.send("DOM.querySelector", {"nodeId": node, "selector": selector})["nodeId"]
    tree = session.send("Accessibility.getPartialAXTree", {"nodeId": target, "fetchRelatives": False})
    for ax in tree["nodes"]:
        for prop in ax.get("properties", []):
            if prop["name"] == "expanded":
                return prop["value"]["value"]
    return None


def test_the_phone_menu_opens_and_closes_by_keyboard_and_says_whether_it_is_open(phone, people):
    phone.goto("/en/people/")
    nav = phone.get_by_role("navigation", name="Main")
    button = phone.locator(".menu-button")
    expect(button).to_be_visible()
    expect(nav.get_by_role("link", name="Dynasties")).to_be_hidden()
    assert _expanded(phone, ".menu-button") is False

    # Reachable by Tab after the skip link, the home link and the three languages.
    phone.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(6):
        phone.keyboard.press("Tab")
    expect(button).to_be_focused()
    phone.keyboard.press("Enter")
    expect(nav.get_by_role("link", name="Dynasties")).to_be_visible()
    assert _expanded(phone, ".menu-button") is True
    expect(nav.get_by_role("link", name="Artisans and musicians")).to_have_attribute("aria-current", "page")

    phone.keyboard.press("Escape")
    expect(nav.get_by_role("link", name="Dynasties")).to_be_hidden()
    expect(button).to_be_focused()
    assert _expanded(phone, ".menu-button") is False

    button.click()  # a tap opens it, a tap outside closes it
    expect(nav.get_by_role("link", name="Dynasties")).to_be_visible()
    phone.mouse.click(PHONE["width"] // 2, PHONE["height"] - 10)  # below the open panel
    expect(nav.get_by_role("link", name="Dynasties")).to_be_hidden()


def test_every_target_in_the_phone_header_and_menu_is_at_least_44_px(phone, people):
    phone.goto("/kk/people/")  # Kazakh: the longest words
    phone.locator(".menu-button").click()
    targets = phone.locator(".site-header a, .site-header summary")
    assert targets.count() >= 14
    small = []
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        if box is None:  # not shown at this width (the desktop's search link)
            continue
        if box["height"] < 44 or box["width"] < 44:
            small.append((targets.nth(i).inner_text(), box))
    assert small == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing sideways


def test_on_a_desktop_the_menu_is_open_and_has_no_button(page, people):
    page.goto("/en/")
    expect(page.locator(".menu-button")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Craft tours")).to_be_visible()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_on_a_desktop_the_sections_fit_one_row_and_search_is_beside_the_account(page, people, language):
    """At 1280 px the sections' longest names (Kazakh, Russian) stay on one row; search is on the first row."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/{language}/people/")
    tops = page.locator(".main-nav a").evaluate_all(
        "links => links.filter(a => a.offsetParent).map(a => Math.round(a.getBoundingClientRect().top))"
    )
    assert len(tops) == 9 and len(set(tops)) == 1, tops
    search = page.locator(".header-search")
    account = page.locator(".account-nav")
    assert abs(search.bounding_box()["y"] - account.bounding_box()["y"]) < 12
    search.click()
    page.wait_for_url(f"**/{language}/search/")


def test_on_a_phone_the_results_come_first_and_the_filters_fold_away(phone, people, make_person):
    from craftcity.taxonomy.models import CreativeField, Discipline

    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    felt = Discipline.objects.create(slug="felt", field=crafts, name={"en": "Felt making"})
    for person in people[:5]:
        person.disciplines.add(felt)
    phone.goto("/en/people/")
    first = phone.locator(".cards .card").first
    assert first.bounding_box()["y"] < PHONE["height"] / 2  # the first result is on the first screen
    felt_link = phone.locator(".facets").get_by_role("link", name="Felt making")
    expect(felt_link).to_be_hidden()
    phone.get_by_text("Filters", exact=True).click()
    expect(felt_link).to_be_visible()
    felt_link.click()
    expect(phone.locator(".list-tools")).to_contain_text("5 people found")
    expect(phone.locator(".facet-panel summary")).to_contain_text("1 selected")

    phone.set_viewport_size({"width": 1280, "height": 900})  # a desktop shows the filters without asking
    phone.goto("/en/people/")
    expect(phone.locator(".facets").get_by_role("link", name="Felt making")).to_be_visible()


def test_the_pager_has_numbers_and_marks_the_current_page(page, people, monkeypatch):
    monkeypatch.setattr("craftcity.public.views.PAGE_SIZE", 10)
    page.goto("/en/people/")
    pager = page.get_by_role("navigation", name="Pages")
    pager.get_by_role("link", name="Page 3").click()
    page.wait_for_url("**/en/people/?page=3")
    expect(pager.locator("[aria-current=page]")).to_have_text("Page 3")
    expect(pager).to_contain_text("Page 3 of 3")


def test_choosing_a_sort_order_changes_the_results(page, people):
    page.goto("/en/people/")
    first = page.locator(".cards .card strong").first
    expect(first).to_have_text("Zhanna Tulegen")
    page.get_by_role("navigation", name="Sort by").get_by_role("link", name="Name").click()
    expect(first).to_have_text("Adil Kenzhe")
    page.get_by_role("navigation", name="Sort by").get_by_role("link", name="Newest").click()
    expect(first).to_have_text("Master 26")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_missing_page_is_branded_in_each_language(page, language):
    response = page.goto(f"/{language}/no-such-page/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".error-page .code")).to_have_text("404")
    expect(page.get_by_role("search")).to_be_visible()  # a way on: the search box
    if language == "en":
        expect(page.locator("h1")).to_have_text("This page is not here")


def test_a_printed_person_page_is_the_person_without_the_site_around_it(page, people):
    page.goto(f"/en/people/{people[0].pk}/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Zhanna Tulegen")
