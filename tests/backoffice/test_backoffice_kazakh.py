"""The back office in Kazakh: Django's admin leaves part of its own wording in English in Kazakh, and the
project's catalogue (craftcity/locale_admin) fills it in."""

import json
import re

import pytest
from admin_forms import form_values

pytestmark = pytest.mark.django_db

ENGLISH_LEFT_BY_DJANGO = [
    "Recent actions",
    "View site",
    "Skip to main content",
    "Toggle navigation",
    "Authentication and Authorization",
]


@pytest.fixture
def registrar(client, make_user):
    user = make_user(role="registrar")
    client.force_login(user)
    return user


def test_the_kazakh_back_office_home_has_no_english_left(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))  # sees every section, accounts included
    page = client.get("/kk/admin/").content.decode()
    assert "Соңғы әрекеттер" in page and "Сайтты қарау" in page and "Аутентификация және авторизация" in page
    assert not [words for words in ENGLISH_LEFT_BY_DJANGO if words in page]


def test_a_refused_form_says_what_to_correct_in_kazakh(client, registrar, make_person):
    person = make_person("Айжан Беккулова")
    url = f"/kk/admin/people/person/{person.pk}/change/"
    data = form_values(client.get(url), "person_form")
    data["birth_year"] = ["3000"]
    page = client.post(url, data).content.decode()
    assert "Төмендегі қатені түзетіңіз." in page
    assert "Please correct the error below." not in page
    assert "өзгерту" in page and "өзгету" not in page  # Django's Kazakh misspells the title's "change"


def test_the_date_and_time_pickers_speak_kazakh(client, registrar):
    script = client.get("/kk/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["January"] == "Қаңтар"
    assert catalog["Choose a Date"] == "Күнді таңдаңыз"


def test_the_sign_in_pauses_screen_reads_in_kazakh(client, make_user):
    """django-axes ships no Kazakh: craftcity/locale_admin supplies its labels."""
    client.force_login(make_user(role="registrar", is_staff=True))
    html = client.get("/kk/admin/axes/accessattempt/").content.decode()
    assert "кіру әрекеттері" in html.lower()
