import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from craftcity.places.models import Place
from craftcity.tours.hours import opening_status


def test_unreadable_opening_hours_are_refused_showing_where(make_place):
    with pytest.raises(ValidationError) as caught:
        make_place("bad", 43.2, 76.9, hours="Mo-Fr 10:00-25:61")
    message = " ".join(caught.value.message_dict["opening_hours"])
    assert "character 16" in message
    assert "10:00-25:⟪6⟫1" in message and "expected minute" in message


def test_new_visit_fields_are_validated(make_place):
    place = make_place("ok", 43.2, 76.9, languages="kk, ru, en", visit_mode=Place.VisitMode.APPOINTMENT)
    assert place.language_names() == ["Kazakh", "Russian", "English"]
    with pytest.raises(ValidationError, match="xx"):
        make_place("not-ok", 43.2, 76.9, languages="kk, xx")


def test_opening_status_now_and_on_a_public_holiday(make_place):
    place = make_place("workshop", 43.2, 76.9, hours="Mo-Fr 10:00-18:00; PH off")
    tz = timezone.get_current_timezone()
    assert opening_status(place, dt.datetime(2026, 4, 7, 11, 0, tzinfo=tz)) == {
        "state": "open",
        "label": "Open now, until 18:00",
    }
    assert opening_status(place, dt.datetime(2026, 4, 7, 8, 0, tzinfo=tz))["label"] == "Closed now, opens at 10:00"
    assert opening_status(place, dt.datetime(2026, 3, 23, 11, 0, tzinfo=tz))["state"] == "closed"  # Nauryz


def test_place_page_shows_todays_status_and_what_to_see(client, make_place):
    make_place("gallery", 43.2, 76.9, hours="24/7", offers={"en": "Felt carpets for sale"}, languages="kk, en")
    html = client.get("/en/places/gallery/").content.decode()
    assert 'id="opening-status">Open now' in html
    assert "Felt carpets for sale" in html
    assert "Kazakh, English" in html
