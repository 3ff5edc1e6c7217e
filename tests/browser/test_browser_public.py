"""The public site as visitors use it: search in any script, languages, dynasty tree, map, keyboard, axe-core."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from craftcity.lineage.services import dynasty_create, relation_create
from craftcity.places.models import Place
from craftcity.search.services import index_rebuild
from craftcity.taxonomy.models import CreativeField, Discipline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path("var/screenshots")


@pytest.fixture
def city(make_person):
    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts", "kk": "Қолөнер", "ru": "Ремёсла"})
    jewellery = Discipline.objects.create(
        slug="jewellery", field=crafts, name={"en": "Jewellery", "kk": "Зергерлік", "ru": "Ювелирное дело"}
    )
    bekkulova = make_person(
        names=[
            {"full_name": "Айжан Беккулова", "language": "kk", "form": "kk_cyrl", "is_primary": True},
            {"full_name": "Aizhan Bekkulova", "language": "en", "form": "press", "is_primary": True},
        ],
        disciplines=[jewellery],
    )
    rafikov = make_person(
        names=[
            {"full_name": "Икрамжан Рафиков", "language": "kk", "form": "kk_cyrl", "is_primary": True},
            {"full_name": "Ikramzhan Rafikov", "language": "en", "form": "press", "is_primary": True},
        ],
        disciplines=[jewellery],
    )
    son = make_person("Әли Рафиков")
    relation_create(kind="family", senior=rafikov, junior=son)
    relation_create(kind="apprenticeship", senior=rafikov, junior=bekkulova)
    dynasty_create(
        slug="rafikovs",
        name={"en": "The Rafikov line", "kk": "Рафиковтар әулеті"},
        founder=rafikov,
        discipline=jewellery,
    )
    Place.objects.create(
        slug="kasteyev", kind="museum", name={"en": "Kasteyev State Museum of Arts"}, latitude="43.2345",
        longitude="76.9222", is_address_public=True,
    )  # fmt: skip
    index_rebuild()
    return {"bekkulova": bekkulova, "rafikov": rafikov}


@pytest.mark.parametrize("query", ["Беккулова", "Bekkulova", "Aijan", "Ayzhan Bekkulova"])
def test_a_visitor_finds_bekkulova_whatever_they_type(page, city, query):
    page.goto("/en/search/")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    expect(page.locator("#group-person + .results a").first).to_have_text("Aizhan Bekkulova")


def test_suggestions_appear_while_typing_and_the_keyboard_picks_one(page, city):
    page.goto("/en/")
    page.click("#search-q")
    page.keyboard.type("Rafikof", delay=30)
    option = page.locator("#search-suggestions [role=option]").first
    expect(option).to_contain_text("Ikramzhan Rafikov")
    expect(page.locator("#search-q")).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/people/{city['rafikov'].pk}/")
    expect(page.locator("h1")).to_have_text("Ikramzhan Rafikov")


def test_switching_language_keeps_the_page_and_changes_the_words(page, city):
    page.goto(f"/en/people/{city['rafikov'].pk}/")
    page.click("nav.languages a[hreflang=kk]")
    page.wait_for_url(f"**/kk/people/{city['rafikov'].pk}/")
    expect(page.locator("h1")).to_have_text("Икрамжан Рафиков")
    expect(page.locator("html")).to_have_attribute("lang", "kk")


def test_the_dynasty_tree_is_drawn_and_its_people_are_links(page, city):
    page.goto("/en/dynasties/rafikovs/")
    tree = page.locator("figure.tree svg")
    expect(tree).to_be_visible()
    expect(tree.locator("rect.node")).to_have_count(3)
    expect(tree.locator("line.edge-apprenticeship")).to_have_count(1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dynasty.png"), full_page=True)
    tree.locator("a").first.click()
    page.wait_for_url("**/en/people/*/")


def test_the_map_shows_the_places_served_by_the_project(page, city):
    page.goto("/en/map/")
    expect(page.locator("#map")).to_have_attribute("data-markers", "1")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    popup = page.locator(".leaflet-popup-content a")
    for _attempt in range(3):  # the map may still be settling (clusters, the tiles' failure) when first clicked
        page.locator(".leaflet-marker-icon").click()
        if popup.count() or (page.wait_for_timeout(500) or popup.count()):
            break
    expect(popup).to_have_text("Kasteyev State Museum of Arts")


def test_keyboard_users_can_skip_to_content_and_see_focus(page, city):
    page.goto("/en/people/")
    page.wait_for_load_state("load")
    page.evaluate("document.activeElement && document.activeElement.blur()")  # start from the top of the page
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    assert skip.evaluate("el => getComputedStyle(el).left") != "-999px"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_a_typo_in_the_first_letters_finds_the_master_whose_page_leads_to_his_work_and_apprentice(page, city):
    from craftcity.works import services as works

    belt = works.work_create(
        title={"en": "Silver belt", "kk": "Күміс белдік"}, makers=[city["rafikov"]], year_from=1998
    )
    works.work_publish(work=belt)
    page.goto("/en/search/")
    page.fill("#search-q", "Arfikov")  # the first two letters swapped
    page.press("#search-q", "Enter")
    page.locator("#group-person + .results a", has_text="Ikramzhan Rafikov").click()
    expect(page.locator("h1")).to_have_text("Ikramzhan Rafikov")
    works_section = page.locator("section", has=page.locator("h2", has_text="Works"))
    expect(works_section.locator("li")).to_contain_text("Silver belt, 1998")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "person-en.png"), full_page=True)
    page.locator("a", has_text="Aizhan Bekkulova").click()
    expect(page.locator("h1")).to_have_text("Aizhan Bekkulova")
    expect(page.locator("section", has=page.locator("h3", has_text="Learned from"))).to_contain_text(
        "Ikramzhan Rafikov"
    )


@pytest.mark.parametrize(
    "path", ["/en/", "/kk/people/", "/ru/dynasties/rafikovs/", "/en/search/?q=Bekkulova", "/en/map/", "PERSON"]
)
def test_pages_have_no_serious_accessibility_violations(page, city, path):
    if path == "PERSON":
        path = f"/kk/people/{city['bekkulova'].pk}/"
    # axe-core comes from this site's own origin (the browser is answered from the file), since the
    # Content-Security-Policy rightly refuses an inline copy of it.
    page.route("**/__axe-core.js", lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.goto(path)
    page.add_script_tag(url="/__axe-core.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {v['help']} at {[node['target'] for node in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
