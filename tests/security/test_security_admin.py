"""The back office as an attacker with each role would use it: every object a form points at is checked, not
only the one it edits, and no list can be filtered by a personal field to read it one character at a time."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from craftcity.organizations.models import Membership
from craftcity.organizations.services import membership_create, membership_update, organization_update
from craftcity.places.models import Place

pytestmark = pytest.mark.django_db

PHONE = "+7 701 999 88 77"


@pytest.fixture
def editor(make_user, make_person, make_organization):
    """An organization editor of "ours", who wants "theirs" too."""
    user = make_user(role="organization_editor", is_staff=True)
    ours, theirs = make_organization("ours"), make_organization("theirs")
    person = make_person("Редактор Біздікі", user=user)
    membership_create(person=person, organization=ours, is_editor=True)
    return user, person, ours, theirs


def test_an_editor_cannot_make_themselves_editor_of_another_organization(client, editor):
    user, person, _ours, theirs = editor
    client.force_login(user)
    response = client.post(
        "/en/admin/organizations/membership/add/",
        {"person": person.pk, "organization": theirs.pk, "role": "member", "is_editor": "on"},
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "Select a valid choice" in response.content.decode()
    assert not Membership.objects.filter(organization=theirs).exists()
    patch = client.patch(
        f"/api/v1/organizations/{theirs.pk}/", {"short_name": "Ours now"}, content_type="application/json"
    )
    assert patch.status_code in (403, 404)  # not theirs to change (404 while it is unpublished)
    theirs.refresh_from_db()
    assert theirs.short_name != "Ours now"


def test_the_services_refuse_the_same_whoever_calls_them(editor):
    user, person, ours, theirs = editor
    with pytest.raises(PermissionDenied):
        membership_create(actor=user, person=person, organization=theirs, is_editor=True)
    own = Membership.objects.get(person=person, organization=ours)
    with pytest.raises(PermissionDenied):
        membership_update(actor=user, membership=own, organization=theirs)
    assert Membership.objects.get(pk=own.pk).organization == ours


def test_an_editor_cannot_move_their_organization_under_another_or_out_of_the_tree(client, editor, make_organization):
    user, _person, ours, theirs = editor
    with pytest.raises(PermissionDenied):
        organization_update(actor=user, organization=ours, parent=theirs)
    client.force_login(user)
    page = client.get(f"/en/admin/organizations/organization/{ours.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/en/admin/organizations/organization/{ours.pk}/change/",
        {**_organization_form(ours), "parent": theirs.pk, "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    ours.refresh_from_db()
    assert ours.parent_id is None


def _organization_form(organization):
    return {
        "slug": organization.slug, "kind": organization.kind, "status": organization.status,
        **{f"name_{code}": organization.name.get(code, "") for code in ("kk", "ru", "en")},
    }  # fmt: skip


def test_an_editor_adds_members_to_their_own_organization_through_the_service(client, editor, make_person):
    user, _person, ours, _theirs = editor
    newcomer = make_person("Жаңа Мүше", status="published")
    client.force_login(user)
    response = client.post(
        "/en/admin/organizations/membership/add/", {"person": newcomer.pk, "organization": ours.pk, "role": "member"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=newcomer, organization=ours)
    assert membership.history.first().history_user == user  # written in a change batch by the service


PERSONAL_PROBES = [
    ("phone", PHONE, "+7 700 000 00 00"),
    ("phone__startswith", "+7 701", "+7 700"),
    ("phone__icontains", "999", "123"),
    ("email__iexact", "secret@example.kz", "nobody@example.kz"),
    ("email__endswith", "example.kz", "example.org"),
    ("address__icontains", "Абай", "Сейфуллин"),
    ("birth_date", "1980-05-17", "1990-01-01"),
    ("birth_date__year", "1980", "1990"),
    ("birth_date__month", "5", "6"),
    ("birth_date__gte", "1980-01-01", "2000-01-01"),
    ("birth_date__lt", "1981-01-01", "1970-01-01"),
    ("phone__regex", "^.7 701", "^.7 700"),
    ("phone__isnull", "False", "True"),
]


@pytest.mark.parametrize("role", ["curator", "analyst", "organization_editor", "organiser", "artisan"])
def test_no_role_without_the_right_learns_personal_data_from_list_filters(client, make_user, make_person, role):
    make_person(
        "Дулат Әшімов",
        phone=PHONE,
        email="secret@example.kz",
        address="Абай даңғылы 10",
        birth_date=dt.date(1980, 5, 17),
    )
    user = make_user(role=role, is_staff=True)
    if role == "artisan":
        make_person("Бота Жемелхан", user=user, phone=PHONE, birth_date=dt.date(1980, 5, 17))
    client.force_login(user)
    for url in ["/en/admin/people/person/", "/en/admin/organizations/membership/", "/en/admin/places/place/"]:
        prefix = "" if "person/" in url else "person__"
        for lookup, hit, miss in PERSONAL_PROBES:
            matching = client.get(url, {prefix + lookup: hit})
            other = client.get(url, {prefix + lookup: miss})
            assert (matching.status_code, _rows(matching)) == (other.status_code, _rows(other)), (url, lookup)


def _rows(response):
    return response.content.decode().count('<tr class="') if response.status_code == 200 else None


def test_a_registrar_still_filters_by_phone(client, make_user, make_person):
    make_person("Дулат Әшімов", phone=PHONE)
    client.force_login(make_user(role="registrar", is_staff=True))
    assert "Dulat" in client.get("/en/admin/people/person/", {"phone__startswith": "+7 701"}).content.decode()
    assert "Dulat" not in client.get("/en/admin/people/person/", {"phone__startswith": "+7 700"}).content.decode()


def test_a_curator_cannot_make_a_venue_someones_home(client, make_user, make_person):
    person = make_person("Дулат Әшімов")
    client.force_login(make_user(role="curator", is_staff=True))
    page = client.get("/en/admin/places/place/add/").content.decode()
    assert 'name="person"' not in page
    assert not Place.objects.filter(person=person).exists()


def test_an_editor_adds_members_through_their_organizations_inline(client, editor, make_person):
    from lxml import html as lxml_html

    user, _person, ours, _theirs = editor
    newcomer = make_person("Жаңа Мүше", status="published")
    client.force_login(user)
    url = f"/en/admin/organizations/organization/{ours.pk}/change/"
    tree = lxml_html.fromstring(client.get(url).content.decode())
    data = {}
    for field in tree.xpath("//form[@id='organization_form']//*[self::input or self::select or self::textarea]"):
        name, kind = field.get("name"), (field.get("type") or "").lower()
        if not name or kind in {"submit", "button", "file"} or "__prefix__" in name:
            continue
        if kind == "checkbox":
            if field.get("checked") is not None:
                data[name] = "on"
        elif field.tag == "select":
            data[name] = [o.get("value") for o in field.xpath(".//option[@selected]")]
        elif field.tag == "textarea":
            data[name] = field.text or ""
        else:
            data[name] = field.get("value", "")
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update({f"{prefix}-TOTAL_FORMS": str(row + 1), f"{prefix}-{row}-person": str(newcomer.pk),
                 f"{prefix}-{row}-role": "member"})  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Membership.objects.get(person=newcomer, organization=ours)
    assert added.history.first().history_user == user
