"""My profile: an artisan keeps their own page — biography in three languages, crafts, contacts each with its
consent, a photo stripped of location data — through the same service as the API; nobody edits anyone else's."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from craftcity.accounts.roles import Role
from craftcity.people.services import person_account_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def artisan(make_person, make_user):
    user = make_user("aigul", email="aigul@example.org")
    person = make_person("Айгүл Тұралиева", status="published", phone="+7 701 000 00 00")
    person_account_link(person=person, user=user)
    return person


def _form(client, **changes):
    data = {"website": "", "phone": "+7 701 000 00 00", "email": "", "address": "", "birth_date": ""}
    data.update(changes)
    return client.post("/kk/me/profile/", data)


def _gps_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x0110] = "Camera"
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 56.0, 45.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1800), (150, 60, 40)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_she_writes_her_biography_in_kazakh_and_opens_her_phone_to_visitors(client, artisan):
    assert "+7 701 000 00 00" not in client.get(f"/en/people/{artisan.pk}/").content.decode()
    client.force_login(artisan.user)
    response = _form(client, biography_kk="Киіз басамын, текемет пен сырмақ жасаймын.", is_phone_public="on")
    assert response.status_code == 302
    artisan.refresh_from_db()
    assert dict(artisan.biography)["kk"].startswith("Киіз басамын") and artisan.is_phone_public
    assert artisan.consent_recorded_at is not None
    change = artisan.history.first()
    assert change.history_user == artisan.user
    preview = client.get("/kk/me/profile/preview/").content.decode()
    assert "+7 701 000 00 00" in preview and "Киіз басамын" in preview
    client.logout()
    assert "+7 701 000 00 00" in client.get(f"/kk/people/{artisan.pk}/").content.decode()


def test_a_preview_shows_what_a_visitor_sees_not_what_she_sees(client, artisan):
    client.force_login(artisan.user)
    preview = client.get("/kk/me/profile/preview/").content.decode()
    assert "+7 701 000 00 00" not in preview  # private: visitors do not see it, so the preview does not either
    assert "Айгүл Тұралиева" in preview


def test_her_photo_loses_its_location_and_a_file_that_is_not_an_image_changes_nothing(client, artisan):
    client.force_login(artisan.user)
    photo = SimpleUploadedFile("me.jpg", _gps_jpeg(), content_type="image/jpeg")
    _form(client, photo=photo, photo_alt_kk="Айгүл шеберханасында")
    artisan.refresh_from_db()
    stored = Image.open(artisan.photo.open("rb"))
    assert max(stored.size) == 1200 and not stored.getexif()
    assert dict(artisan.photo_alt)["kk"] == "Айгүл шеберханасында"
    _form(client, photo=SimpleUploadedFile("me.jpg", _gps_jpeg(), content_type="image/jpeg"), crop_square="on")
    artisan.refresh_from_db()
    assert Image.open(artisan.photo.open("rb")).size == (1200, 1200)  # cropped to the centred square
    before = artisan.photo.name
    bad = SimpleUploadedFile("virus.jpg", b"MZ not an image at all", content_type="image/jpeg")
    page = _form(client, photo=bad, biography_en="Should not be saved").content.decode()
    artisan.refresh_from_db()
    assert artisan.photo.name == before and "Should not be saved" not in str(dict(artisan.biography))
    assert "errorlist" in page


def test_an_account_without_a_profile_edits_nothing_and_nobody_edits_anyone_elses(
    client, artisan, make_user, make_person
):
    other = make_person("Дулат Әшімов", status="published")
    stranger = make_user("stranger", email="s@example.org")
    client.force_login(stranger)
    assert client.get("/en/me/profile/").status_code == 302
    client.post("/en/me/profile/", {"biography_en": "Hacked", "website": ""})
    other.refresh_from_db()
    artisan.refresh_from_db()
    assert "Hacked" not in str(dict(other.biography)) and "Hacked" not in str(dict(artisan.biography))
    # The same rule over the API: an artisan cannot change another person.
    client.force_login(artisan.user)
    response = client.patch(
        f"/api/v1/people/{other.pk}/", {"website": "https://x.example"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert artisan.user.groups.filter(name=Role.ARTISAN).exists()


def test_she_corrects_a_derived_latin_form_and_it_is_never_derived_over_again(client, artisan, make_person):
    from craftcity.people.models import PersonName
    from craftcity.people.services import person_names_derive

    derived = artisan.names.get(language="en", form=PersonName.Form.PASSPORT)
    assert derived.is_derived
    client.force_login(artisan.user)
    page = client.get("/en/me/profile/names/").content.decode()
    assert derived.full_name in page and "written by the registry" in page
    client.post("/en/me/profile/names/", {"action": "save", "name": derived.pk, "full_name": "Aigul  Turalieva"})
    derived.refresh_from_db()
    assert derived.full_name == "Aigul Turalieva" and not derived.is_derived
    person_names_derive(person=artisan)
    assert artisan.names.get(pk=derived.pk).full_name == "Aigul Turalieva"
    client.post("/en/me/profile/names/", {"action": "add", "full_name": "Aigoul Touralieva", "language": "en",
                                          "form": PersonName.Form.OTHER})  # fmt: skip
    assert artisan.names.filter(full_name="Aigoul Touralieva").exists()
    main = artisan.names.get(language="kk", is_primary=True)
    client.post("/en/me/profile/names/", {"action": "delete", "name": main.pk})
    assert artisan.names.filter(pk=main.pk).exists()  # the main form stays
    # Someone else's name form is out of reach.
    other = make_person("Дулат Әшімов")
    theirs = other.names.first()
    assert client.post("/en/me/profile/names/", {"action": "delete", "name": theirs.pk}).status_code == 404
    assert PersonName.objects.filter(pk=theirs.pk).exists()


def test_the_weeks_hours_are_written_in_openstreetmap_syntax_and_read_back():
    from craftcity.public.workshop_form import osm_hours, week_of

    week = {"Mo": ("10:00", "18:00"), "Tu": ("10:00", "18:00"), "We": ("10:00", "18:00"), "Th": ("10:00", "18:00"),
            "Fr": ("10:00", "18:00"), "Sa": ("11:00", "15:00"), "Su": None}  # fmt: skip
    text = osm_hours(week, holidays_closed=True)
    assert text == "Mo-Fr 10:00-18:00; Sa 11:00-15:00; PH off"
    assert week_of(text) == week
    assert osm_hours({**week, "We": None}, holidays_closed=False) == (
        "Mo,Tu 10:00-18:00; Th,Fr 10:00-18:00; Sa 11:00-15:00"
    )


def test_she_opens_her_workshop_by_appointment_with_hours_and_keeps_its_address_private(client, artisan):
    from craftcity.places.models import Place

    client.force_login(artisan.user)
    data = {"name_kk": "Айгүлдің киіз үйі", "address_kk": "Алматы, Бостандық ауданы, Абай даңғылы 1",
            "visit_mode": "appointment", "holidays_closed": "on", "offers_kk": "Текемет, сырмақ; шеберлік сабағы",
            **{f"from_{d}": "10:00" for d in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")},
            **{f"to_{d}": "17:00" for d in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")},
            "open_Tu": "on", "open_We": "on", "open_Th": "on"}  # fmt: skip
    assert client.post("/kk/me/workshop/", data).status_code == 302
    place = Place.objects.get(person=artisan)
    assert place.opening_hours == "Tu-Th 10:00-17:00; PH off" and place.visit_mode == "appointment"
    assert not place.is_address_public
    client.logout()
    page = client.get(f"/kk/places/{place.slug}/").content.decode()
    assert "Абай даңғылы 1" not in page and "Текемет" in page
    client.force_login(artisan.user)
    bad = client.post("/kk/me/workshop/", {**data, "to_Tu": "09:00"}).content.decode()
    assert "errorlist" in bad
    place.refresh_from_db()
    assert place.opening_hours == "Tu-Th 10:00-17:00; PH off"


def test_her_pages_elsewhere_are_listed_and_a_line_that_is_no_address_is_refused(client, artisan):
    client.force_login(artisan.user)
    _form(client, links="instagram.com/aigul.felt\nhttps://shop.example.kz/aigul\n")
    artisan.refresh_from_db()
    assert artisan.links == ["https://instagram.com/aigul.felt", "https://shop.example.kz/aigul"]
    page = _form(client, links="not an address at all").content.decode()
    assert "веб-мекенжай емес" in page  # in Kazakh, the language of the page
    artisan.refresh_from_db()
    assert len(artisan.links) == 2
    client.logout()
    public = client.get(f"/en/people/{artisan.pk}/").content.decode()
    assert 'href="https://instagram.com/aigul.felt"' in public and '"sameAs"' in public


def test_she_sees_her_photo_herself_and_visitors_see_it_only_once_she_ticks_the_box(client, artisan):
    client.force_login(artisan.user)
    _form(client, photo=SimpleUploadedFile("me.jpg", _gps_jpeg(), content_type="image/jpeg"), photo_alt_en="At work")
    artisan.refresh_from_db()
    assert not artisan.is_photo_public
    profile = client.get("/kk/me/profile/").content.decode()
    assert 'src="/kk/me/profile/photo.jpg?v=' in profile
    own = client.get("/kk/me/profile/photo.jpg")
    assert own.status_code == 200 and own["Content-Type"] == "image/jpeg" and "private" in own["Cache-Control"]
    client.logout()
    assert "/iiif/pictures/person/" not in client.get(f"/en/people/{artisan.pk}/").content.decode()
    assert client.get("/kk/me/profile/photo.jpg").status_code == 302  # to sign in: nobody else reads it there
    client.force_login(artisan.user)
    _form(client, is_photo_public="on", photo_alt_en="At work")
    artisan.refresh_from_db()
    assert artisan.is_photo_public and artisan.consent_recorded_at is not None
    client.logout()
    assert 'alt="At work"' in client.get(f"/en/people/{artisan.pk}/").content.decode()
