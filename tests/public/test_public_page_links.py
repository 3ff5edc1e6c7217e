"""Every public page names its kk, ru and en versions and its canonical address, as the sitemap does."""

import html as html_lib
import re

import pytest

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def _links(html: str) -> tuple[str, dict[str, str]]:
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert len(canonical) == 1
    unescape = html_lib.unescape
    return unescape(canonical[0]), {code: unescape(href) for code, href in alternates.items()}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_person_page_in_each_language_lists_all_three_and_a_default(client, make_person, language):
    person = make_person()
    canonical, alternates = _links(client.get(f"/{language}/people/{person.pk}/").content.decode())
    assert canonical == f"{HOST}/{language}/people/{person.pk}/"
    assert alternates == {
        "kk": f"{HOST}/kk/people/{person.pk}/",
        "ru": f"{HOST}/ru/people/{person.pk}/",
        "en": f"{HOST}/en/people/{person.pk}/",
        "x-default": f"{HOST}/people/{person.pk}/",
    }


def test_the_default_address_sends_a_visitor_to_a_language(client, make_person):
    person = make_person()
    response = client.get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302 and response["Location"] == f"/ru/people/{person.pk}/"


def test_query_strings_that_do_not_change_the_page_stay_out_of_the_canonical(client, make_person):
    make_person()
    html = client.get("/en/people/?sort=newest&utm_source=mail&fbclid=x&page=1&stray=1").content.decode()
    canonical, alternates = _links(html)
    assert canonical == f"{HOST}/en/people/"
    assert alternates["kk"] == f"{HOST}/kk/people/"


def test_a_filter_changes_the_page_so_it_stays_in_every_address(client, make_person):
    make_person()
    canonical, alternates = _links(client.get("/ru/people/?utm_medium=x&region=KZ-75&q=Ахмет").content.decode())
    assert canonical == f"{HOST}/ru/people/?q=%D0%90%D1%85%D0%BC%D0%B5%D1%82&region=KZ-75"
    assert alternates["en"] == f"{HOST}/en/people/?q=%D0%90%D1%85%D0%BC%D0%B5%D1%82&region=KZ-75"


def test_the_sitemap_names_the_same_addresses_as_the_page(client, make_person):
    person = make_person()
    sitemap = client.get("/sitemap-people.xml").content.decode()
    listed = set(re.findall(rf'hreflang="([^"]+)" href="([^"]+/people/{person.pk}/)"', sitemap))
    _canonical, alternates = _links(client.get(f"/kk/people/{person.pk}/").content.decode())
    assert listed == set(alternates.items())


def test_a_missing_page_has_no_canonical(client):
    html = client.get("/en/no-such-page/").content.decode()
    assert 'rel="canonical"' not in html and 'hreflang="x-default"' not in html
