"""The back office as an attacker with each role would use it: every object a form points at is checked, not
only the one it edits, and no list can be filtered by a personal field to read it one character at a time."""

import datetime as dt

import pytest
from admin_forms import form_fields
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from craftcity.organizations.models import Membership, Organization
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


def _add_membership(client, person, organization):
    form = {"person": person.pk, "organization": organization.pk, "role": "member"}
    return client.post("/en/admin/organizations/membership/add/", form)


def test_an_editor_adds_members_to_their_own_organization_through_the_service(client, editor, make_person):
    user, _person, ours, _theirs = editor
    newcomer = make_person("Жаңа Мүше", status="published")
    client.force_login(user)
    response = _add_membership(client, newcomer, ours)
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
    user, _person, ours, _theirs = editor
    newcomer = make_person("Жаңа Мүше", status="published")
    client.force_login(user)
    url = f"/en/admin/organizations/organization/{ours.pk}/change/"
    data = _form_data(client, url, "organization_form")
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update({f"{prefix}-TOTAL_FORMS": str(row + 1), f"{prefix}-{row}-person": str(newcomer.pk),
                 f"{prefix}-{row}-role": "member"})  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Membership.objects.get(person=newcomer, organization=ours)
    assert added.history.first().history_user == user


def _form_data(client, url, form_id):
    """What the browser would post back: every field of the change form as the page shows it."""
    return form_fields(client.get(url), form_id)


def _add_row(data, prefix, **fields):
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(row + 1)
    data.update({f"{prefix}-{row}-{name}": str(value) for name, value in fields.items()})


INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def test_an_editor_of_a_nested_organization_saves_it_but_cannot_move_it(
    client, make_user, make_person, make_organization
):
    umbrella, other = make_organization("umbrella"), make_organization("other")
    branch = make_organization("branch", parent=umbrella)
    user = make_user(role="organization_editor", is_staff=True)
    membership_create(person=make_person("Филиал Редакторы", user=user), organization=branch, is_editor=True)
    client.force_login(user)
    url = f"/en/admin/organizations/organization/{branch.pk}/change/"
    data = _form_data(client, url, "organization_form")
    data["short_name"] = "Branch"
    assert client.post(url, data).status_code == 302  # the parent it has stays, though they do not edit it
    branch.refresh_from_db()
    assert (branch.short_name, branch.parent) == ("Branch", umbrella)
    response = client.post(url, {**data, "parent": other.pk})
    assert response.status_code == 200 and INVALID_CHOICE in response.content.decode()
    assert Organization.objects.get(pk=branch.pk).parent == umbrella


def test_an_editor_enrols_only_people_the_search_box_offers(client, editor, make_person):
    user, _person, ours, _theirs = editor
    unpublished = make_person("Жарияланбаған Адам", status="draft")
    client.force_login(user)
    response = _add_membership(client, unpublished, ours)
    assert response.status_code == 200 and INVALID_CHOICE in response.content.decode()
    url = f"/en/admin/organizations/organization/{ours.pk}/change/"
    data = _form_data(client, url, "organization_form")
    _add_row(data, "memberships", person=unpublished.pk, role="member")
    assert client.post(url, data).status_code == 200
    assert not Membership.objects.filter(person=unpublished).exists()


def test_an_organiser_cannot_publish_an_unpublished_persons_name_as_a_participant(
    client, make_user, make_person, make_organization
):
    from craftcity.events.models import Event, Participant
    from craftcity.events.services import event_create

    guild = make_organization("felt-guild")
    user = make_user(role="organiser", is_staff=True)
    membership_create(person=make_person("Ұйымдастырушы Ов", user=user), organization=guild)
    event = event_create(
        slug="felt-fair", kind=Event.Kind.FESTIVAL, name={"en": "Felt fair"}, status="published",
        starts_at=dt.datetime(2030, 6, 1, 12, tzinfo=dt.UTC), organizations=[(guild, "organiser")],
    )  # fmt: skip
    unpublished = make_person("Жасырын Шебер", status="draft")
    published = make_person("Ашық Шебер", status="published")
    client.force_login(user)
    url = f"/en/admin/events/event/{event.pk}/change/"
    data = _form_data(client, url, "event_form")
    _add_row(data, "participants", person=unpublished.pk, role="exhibitor")
    response = client.post(url, data)
    assert response.status_code == 200 and INVALID_CHOICE in response.content.decode()
    assert not Participant.objects.filter(person=unpublished).exists()
    data = _form_data(client, url, "event_form")
    _add_row(data, "participants", person=published.pk, role="exhibitor")
    assert client.post(url, data).status_code == 302  # whom the box offers, they list
    assert Participant.objects.filter(event=event, person=published).exists()
    page = client.get(reverse("public:event", args=[event.slug])).content.decode()
    assert published.display_name in page and unpublished.display_name not in page


def test_a_curator_cannot_link_a_venue_to_an_organization(client, make_user, make_organization):
    place = Place(kind="gallery", slug="gallery", name={"en": "Gallery"})
    place.full_clean()
    place.save()
    union = make_organization("union")
    client.force_login(make_user(role="curator", is_staff=True))
    url = f"/en/admin/places/place/{place.pk}/change/"
    data = _form_data(client, url, "place_form")
    data["description_en"] = "Open all week"
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "organization": union.pk})
    assert response.status_code == 200 and INVALID_CHOICE in response.content.decode()
    assert Place.objects.get(pk=place.pk).organization is None


@pytest.fixture
def artisan_work(make_user, make_person):
    from craftcity.works import services

    user = make_user(role="artisan", is_staff=True)
    person = make_person("Бота Жемелхан", user=user, status="published")
    return user, person, services.work_create(actor=user, title={"en": "Tekemet"}, makers=[person])


def test_an_artisan_names_co_makers_the_search_box_offers_and_no_one_else(client, artisan_work, make_person):
    user, person, work = artisan_work
    partner = make_person("Дулат Әшімов", status="published")
    hidden = make_person("Жасырын Шебер", status="draft")
    client.force_login(user)
    offered = client.get(
        "/en/admin/autocomplete/",
        {"app_label": "works", "model_name": "workmaker", "field_name": "person", "term": "Dulat"},
    )
    assert [row["id"] for row in offered.json()["results"]] == [str(partner.pk)]
    url = f"/en/admin/works/work/{work.pk}/change/"
    data = _form_data(client, url, "work_form")
    _add_row(data, "work_makers", person=hidden.pk, role="maker", position=2)
    response = client.post(url, data)
    assert response.status_code == 200 and INVALID_CHOICE in response.content.decode()
    data = _form_data(client, url, "work_form")
    _add_row(data, "work_makers", person=partner.pk, role="maker", position=2)
    assert client.post(url, data).status_code == 302
    assert set(work.work_makers.values_list("person_id", flat=True)) == {person.pk, partner.pk}


def test_an_artisans_work_points_at_no_one_elses_home_or_organization(
    client, artisan_work, make_person, make_organization
):
    from django.core.exceptions import ValidationError

    from craftcity.works import services
    from craftcity.works.models import Work

    user, person, work = artisan_work
    home = Place(kind="workshop", slug="home", name={"en": "Home"}, person=make_person("Дулат Әшімов"))
    home.full_clean()
    home.save()
    museum = make_organization("museum")
    with pytest.raises(ValidationError) as refused:
        services.work_update(actor=user, work=work, current_location=home, owner=museum)
    assert set(refused.value.error_dict) == {"current_location", "owner"}
    own = Place(kind="workshop", slug="own", name={"en": "Own"}, person=person)
    own.full_clean()
    own.save()
    services.work_update(actor=user, work=work, current_location=own)  # their own workshop is theirs to name
    client.force_login(user)
    url = f"/en/admin/works/work/{work.pk}/change/"
    data = _form_data(client, url, "work_form")
    response = client.post(url, {**data, "current_location": home.pk, "owner": museum.pk})
    assert response.status_code == 200 and INVALID_CHOICE in response.content.decode()
    stored = Work.objects.get(pk=work.pk)
    assert (stored.current_location, stored.owner) == (own, None)


def _paths_to_person(model, depth=2, prefix=""):
    """Every lookup path from `model` to Person, following foreign keys, reverse keys and many-to-many fields."""
    from craftcity.people.models import Person

    if model is Person:
        yield prefix
        return
    if depth == 0:
        return
    for field in model._meta.get_fields():
        hidden = getattr(field, "hidden", False) or field.name.startswith("historical")  # reverse "+" and history
        if field.is_relation and field.related_model is not None and not hidden:
            yield from _paths_to_person(field.related_model, depth - 1, f"{prefix}{field.name}__")


# Six kinds of lookup, tried on every list by every path: enough to show no path is left open, fast enough.
EVERY_PERSONAL_PROBE = [
    probe for probe in PERSONAL_PROBES
    if probe[0] in {"phone__startswith", "email__endswith", "address__icontains", "birth_date__year",
                    "birth_date__month", "birth_date__gte"}
]  # fmt: skip


@pytest.mark.parametrize("role", ["curator", "analyst", "organization_editor", "organiser", "artisan"])
def test_no_changelist_that_reaches_a_person_filters_by_their_personal_data(
    rf, make_user, make_person, make_organization, role
):
    """Every list of the back office, by every path that leads to a person (a membership's, a work's makers', an
    event's participants'…): a filter on a personal field counts the same rows whether it matches or not."""
    from django.contrib import admin
    from django.contrib.admin.exceptions import DisallowedModelAdminLookup
    from django.contrib.admin.options import IncorrectLookupParameters
    from django.contrib.admin.views.main import ORDER_VAR

    from craftcity.events.models import Event, Participant
    from craftcity.events.services import event_create
    from craftcity.lineage.models import Relation
    from craftcity.works import services as works

    target = make_person(
        "Дулат Әшімов", status="published", phone=PHONE, email="secret@example.kz", address="Абай даңғылы 10",
        birth_date=dt.date(1980, 5, 17),
    )  # fmt: skip
    ours = make_organization("ours")
    membership_create(person=target, organization=ours)
    user = make_user(role=role, is_staff=True)
    own = make_person("Бота Жемелхан", user=user, status="published", phone=PHONE, birth_date=dt.date(1980, 5, 17))
    membership_create(person=own, organization=ours, is_editor=role == "organization_editor")
    Relation.objects.create(senior=target, junior=own, kind=Relation.Kind.APPRENTICESHIP)
    home = Place(kind="workshop", slug="home", name={"en": "Home"}, person=target)
    home.full_clean()
    home.save()
    works.work_create(title={"en": "Tekemet"}, makers=[target, own])
    event = event_create(
        slug="fair", kind=Event.Kind.FESTIVAL, name={"en": "Fair"}, starts_at=dt.datetime(2030, 6, 1, tzinfo=dt.UTC),
        organizations=[(ours, "organiser")],
    )  # fmt: skip
    Participant.objects.create(event=event, person=target, role="exhibitor")

    def rows(model_admin, params):
        request = rf.get("/en/admin/", params)
        request.user = user
        try:
            changelist = model_admin.get_changelist_instance(request)
        except (DisallowedModelAdminLookup, IncorrectLookupParameters):
            return "refused"
        return changelist.result_count, changelist.full_result_count

    probed = 0
    for model, model_admin in admin.site._registry.items():
        request = rf.get("/en/admin/")
        request.user = user
        if not model_admin.has_view_or_change_permission(request):
            continue
        for prefix in set(_paths_to_person(model)):
            for lookup, hit, miss in EVERY_PERSONAL_PROBE:
                answers = rows(model_admin, {prefix + lookup: hit}), rows(model_admin, {prefix + lookup: miss})
                assert answers[0] == answers[1], (model.__name__, prefix + lookup, answers)
                probed += 1
            for order in ("phone", "-birth_date"):  # ?o= takes column numbers; a field name is no column
                answers = rows(model_admin, {ORDER_VAR: f"{prefix}{order}"}), rows(model_admin, {})
                assert answers[0] in ("refused", answers[1]), (model.__name__, prefix + order, answers)
    assert probed >= len(EVERY_PERSONAL_PROBE) * 2  # the role reaches some list that leads to people
