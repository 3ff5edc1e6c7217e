"""Small factories shared by the suite: build what a test needs, nothing more."""

import itertools

import pytest
from django.contrib.auth import get_user_model

from craftcity.accounts.services import roles_sync, user_grant_role
from craftcity.organizations.models import Organization
from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_create

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _english_by_default():
    """Messages are asserted in English unless a test switches language (the site's default is Kazakh)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _english_requests_by_default(monkeypatch):
    """Test requests ask for English unless they send their own Accept-Language (the site's default is Kazakh)."""
    from django.test.client import RequestFactory

    original = RequestFactory._base_environ

    def base_environ(self, **request):
        environ = original(self, **request)
        environ.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
        return environ

    monkeypatch.setattr(RequestFactory, "_base_environ", base_environ)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached fragments must not outlive the test that made them (primary keys are reused)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db):
    roles_sync()

    def make(username=None, *, role=None, password="pass-1234-word", **fields):
        user = get_user_model().objects.create_user(
            username=username or f"user{next(_seq)}", password=password, **fields
        )
        if role:
            user_grant_role(user=user, role=role)
            user = get_user_model().objects.get(pk=user.pk)  # drop the permission cache
        return user

    return make


@pytest.fixture
def make_person(db):
    def make(full_name="Айжан Беккулова", *, language="kk", names=None, **fields) -> Person:
        names = names or [
            {"full_name": full_name, "language": language, "form": PersonName.Form.KAZAKH_CYRILLIC, "is_primary": True}
        ]
        return person_create(names=names, **fields)

    return make


@pytest.fixture
def make_organization(db):
    def make(slug=None, *, kind=Organization.Kind.UNION, name=None, **fields) -> Organization:
        slug = slug or f"org-{next(_seq)}"
        organization = Organization(slug=slug, kind=kind, name=name or {"en": slug}, **fields)
        organization.full_clean()
        organization.save()
        return organization

    return make


@pytest.fixture(autouse=True)
def _api_responses_match_the_published_document(monkeypatch):
    """Every /api/v1/ response any test receives must match /api/schema/ (see tests/standards/openapi_contract.py)."""
    from django.test import Client
    from standards.openapi_contract import response_errors

    original = Client.request

    def request(self, **request):
        response = original(self, **request)
        errors = response_errors(response)
        if errors:
            raise AssertionError("The API answered outside its published OpenAPI document:\n" + "\n".join(errors))
        return response

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture
def breadcrumbs():
    """What a page's breadcrumb trail says: [(name, link or "")] from its nav, and [(name, address)] from its
    BreadcrumbList JSON-LD."""
    import html as html_lib
    import json
    import re

    def read(page: str) -> tuple[list, list]:
        nav = re.search(r'<nav class="breadcrumbs" aria-label="[^"]+"><ol>(.*?)</ol></nav>', page, re.S)
        assert nav, "the page has no breadcrumb trail"
        steps = [
            (html_lib.unescape(name), href or "")
            for href, name in re.findall(r'<li>(?:<a href="([^"]+)">|<span aria-current="page">)([^<]*)<', nav[1])
        ]
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        lists = [data for data in map(json.loads, blocks) if data.get("@type") == "BreadcrumbList"]
        assert len(lists) == 1, "the page has no BreadcrumbList"
        items = [(item["name"], item["item"]["@id"]) for item in lists[0]["itemListElement"]]
        return steps, items

    return read
