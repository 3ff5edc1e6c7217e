"""A name written only in Kazakh reads in Russian and in Latin letters too, whichever door it came in by;
derived forms are marked, and a form someone corrects is theirs and is never derived over."""

import io

import pytest
from admin_forms import form_fields
from django.core.management import call_command

from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_names_derive

pytestmark = pytest.mark.django_db

KAZAKH = "Жанар Сентінелова"


def _forms(person):
    return {(n.language, n.form): (n.full_name, n.is_derived) for n in PersonName.objects.filter(person=person)}


def test_a_kazakh_only_person_gets_russian_and_latin_forms_marked_derived(client, make_person):
    person = make_person(KAZAKH, status="published")
    forms = _forms(person)
    assert forms[("kk", "kk_cyrl")] == (KAZAKH, False)
    assert forms[("ru", "ru_cyrl")] == ("Жанар Сентинелова", True)
    assert forms[("en", "passport")] == ("Zhanar Sentinelova", True)
    assert "Zhanar Sentinelova" in client.get(f"/en/people/{person.pk}/").content.decode()
    assert "Жанар Сентинелова" in client.get(f"/ru/people/{person.pk}/").content.decode()


def test_the_back_office_and_the_import_derive_the_same_forms(client, make_user, make_person, tmp_path):
    from craftcity.imports.models import ImportBatch
    from craftcity.imports.services import import_people

    by_service = _forms(make_person(KAZAKH))
    registrar = make_user(role="registrar", is_staff=True)
    client.force_login(registrar)
    data = form_fields(client.get("/en/admin/people/person/add/"))
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "name" in k).removesuffix("-TOTAL_FORMS")
    data.update({f"{prefix}-0-full_name": KAZAKH, f"{prefix}-0-form": "kk_cyrl", f"{prefix}-0-language": "kk",
                 f"{prefix}-0-is_primary": "on", "occupation": "artisan"})  # fmt: skip
    response = client.post("/en/admin/people/person/add/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    by_admin = _forms(
        Person.objects.exclude(pk__in=[p.pk for p in Person.objects.filter(names__full_name=KAZAKH)][:1]).get()
    )
    assert {k: v for k, v in by_admin.items() if k[0] != "kk"} == {k: v for k, v in by_service.items() if k[0] != "kk"}

    path = tmp_path / "list.csv"
    path.write_text(f"№;Аты-жөні;Туған жылы\n1;{KAZAKH};1980\n", encoding="utf-8")
    import_people(path=path, actor=registrar, mode=ImportBatch.Mode.VALID_ROWS)
    imported = Person.objects.order_by("-pk").first()
    forms = _forms(imported)
    assert forms[("ru", "ru_cyrl")] == ("Жанар Сентинелова", True)
    assert forms[("en", "passport")] == ("Zhanar Sentinelova", True)


def test_a_corrected_form_is_kept_and_no_longer_derived(client, make_user, make_person):
    person = make_person(KAZAKH)
    english = person.names.get(language="en", form="passport")
    english.full_name, english.is_derived = "Zhanar Sentinelova-Smith", False  # as the admin inline saves it
    english.save()
    person_names_derive(person=person)
    assert person.names.filter(language="en").count() == 1
    assert person.names.get(language="en").full_name == "Zhanar Sentinelova-Smith"
    assert person.names.get(language="ru").is_derived  # other languages are still derived


def test_the_command_derives_forms_for_records_that_lack_them(make_person):
    person = make_person(KAZAKH)
    person.names.filter(is_derived=True).delete()  # as records from before derivation are
    out = io.StringIO()
    call_command("derive_name_forms", "--dry-run", stdout=out)
    assert "would write" in out.getvalue() and not person.names.filter(is_derived=True).exists()
    call_command("derive_name_forms", stdout=io.StringIO())
    assert person.names.filter(language="en", is_derived=True).exists()


def test_a_consent_ticked_in_the_back_office_is_stamped_as_by_the_service(client, make_user, make_person):
    person = make_person(KAZAKH, phone="+7 701 999 88 77")
    assert person.consent_recorded_at is None
    client.force_login(make_user(role="registrar", is_staff=True))
    url = f"/en/admin/people/person/{person.pk}/change/"
    data = form_fields(client.get(url))
    data["is_phone_public"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    person.refresh_from_db()
    assert person.is_phone_public and person.consent_recorded_at is not None
