"""My workshop: where visitors find an artisan, when, and what they can see or buy. The week's hours are
chosen day by day and written in OpenStreetMap syntax (what the tour planner and the hours library read)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from craftcity.places.models import Place

from .profile_form import LANGUAGES, texts

DAYS = [("Mo", _("Monday")), ("Tu", _("Tuesday")), ("We", _("Wednesday")), ("Th", _("Thursday")),
        ("Fr", _("Friday")), ("Sa", _("Saturday")), ("Su", _("Sunday"))]  # fmt: skip


def week_of(text: str) -> dict[str, tuple[str, str] | None]:
    """Each weekday's first opening window in an ordinary week (no holidays), read by the hours library."""
    from tourkit.hours import HoursError, clock, ordinary_week

    try:
        week = ordinary_week(text)
    except HoursError:
        week = [() for _ in DAYS]
    return {
        code: (clock(windows[0][0]), clock(windows[0][1])) if windows else None
        for (code, _label), windows in zip(DAYS, week, strict=True)
    }


def osm_hours(week: dict[str, tuple[str, str] | None], *, holidays_closed: bool) -> str:
    """Consecutive days with the same hours become one rule: Mo-Fr 10:00-18:00; Sa 11:00-15:00; PH off."""
    rules, run = [], []
    for code, _label in [*DAYS, (None, None)]:
        hours = week.get(code) if code else "end"
        if run and hours != week[run[0]]:
            first, last = run[0], run[-1]
            if week[first] is not None:
                days = first if first == last else f"{first}-{last}" if len(run) > 2 else f"{first},{last}"
                rules.append(f"{days} {week[first][0]}-{week[first][1]}")
            run = []
        if code:
            run.append(code)
    if rules and holidays_closed:
        rules.append("PH off")
    return "; ".join(rules)


class WorkshopForm(forms.Form):
    visit_mode = forms.ChoiceField(label=_("Visits"), choices=Place.VisitMode.choices)
    holidays_closed = forms.BooleanField(label=_("Closed on public holidays"), required=False)
    is_address_public = forms.BooleanField(
        label=_("Show the exact address; without this, visitors see only the district."), required=False
    )

    def __init__(self, *args, place: Place | None, **kwargs):
        week = week_of(place.opening_hours) if place else {code: None for code, _l in DAYS}
        initial = {
            "visit_mode": place.visit_mode if place else Place.VisitMode.APPOINTMENT,
            "holidays_closed": bool(place and "PH off" in place.opening_hours),
            "is_address_public": bool(place and place.is_address_public),
            **{f"open_{c}": week[c] is not None for c, _l in DAYS},
            **{f"from_{c}": (week[c] or ("10:00", "18:00"))[0] for c, _l in DAYS},
            **{f"to_{c}": (week[c] or ("10:00", "18:00"))[1] for c, _l in DAYS},
            **{f"name_{c}": dict(place.name or {}).get(c, "") if place else "" for c, _n in LANGUAGES},
            **{f"address_{c}": dict(place.address or {}).get(c, "") if place else "" for c, _n in LANGUAGES},
            **{f"offers_{c}": dict(place.offers or {}).get(c, "") if place else "" for c, _n in LANGUAGES},
        }
        super().__init__(*args, initial=initial, **kwargs)
        for code, label in DAYS:
            self.fields[f"open_{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"from_{code}"] = forms.TimeField(label=_("from"), required=False,
                                                          widget=forms.TimeInput(attrs={"type": "time"}))  # fmt: skip
            self.fields[f"to_{code}"] = forms.TimeField(label=_("until"), required=False,
                                                        widget=forms.TimeInput(attrs={"type": "time"}))  # fmt: skip
        for code, name in LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name of the workshop in %(language)s") % {"language": name}, required=False, max_length=300
            )
            self.fields[f"address_{code}"] = forms.CharField(
                label=_("Address in %(language)s") % {"language": name}, required=False, max_length=300
            )
            self.fields[f"offers_{code}"] = forms.CharField(
                label=_("What visitors can see or buy, in %(language)s") % {"language": name}, required=False,
                max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
            )  # fmt: skip

    def days(self):
        return [(label, self[f"open_{c}"], self[f"from_{c}"], self[f"to_{c}"]) for c, label in DAYS]

    def clean(self):
        data = super().clean()
        for code, label in DAYS:
            if data.get(f"open_{code}"):
                start, end = data.get(f"from_{code}"), data.get(f"to_{code}")
                if not start or not end or end <= start:
                    self.add_error(f"to_{code}", _("%(day)s: the workshop must close after it opens.") % {"day": label})
        if not any(data.get(f"name_{c}", "").strip() for c, _n in LANGUAGES):
            self.add_error(None, _("Give the workshop a name in at least one language."))
        return data

    def place_fields(self) -> dict:
        data = self.cleaned_data
        week = {
            c: (data[f"from_{c}"].strftime("%H:%M"), data[f"to_{c}"].strftime("%H:%M")) if data[f"open_{c}"] else None
            for c, _l in DAYS
        }

        return {
            "name": texts(data, "name"), "address": texts(data, "address"), "offers": texts(data, "offers"),
            "opening_hours": osm_hours(week, holidays_closed=data["holidays_closed"]),
            "visit_mode": data["visit_mode"], "is_address_public": data["is_address_public"],
        }  # fmt: skip
