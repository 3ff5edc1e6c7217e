"""The artisan's own profile form (My craftcity → My profile): what person_update lets them change, with each
personal field's consent beside it and a plain word on what it means."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from craftcity.people.models import Person
from craftcity.taxonomy.models import Discipline, Material, Technique

LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
# What a visitor sees when a box is ticked; the field stays visible to the artisan and registrars either way.
CONSENTS = {
    "phone": _("Show my phone number on my public page, so that visitors and buyers can call me."),
    "email": _("Show my e-mail address on my public page."),
    "address": _("Show my workshop's exact address; without this, visitors see only the district."),
    "birth_date": _("Show my date of birth; without this, only the year is shown if it is known."),
}


def texts(data: dict, prefix: str) -> dict[str, str]:
    """The non-empty `<prefix>_<language>` inputs of a cleaned form, as a text in several languages."""
    return {code: value for code, _name in LANGUAGES if (value := data.get(f"{prefix}_{code}", "").strip())}


def terms(model, label) -> forms.ModelMultipleChoiceField:
    """Ticked from the craft vocabulary (crafts, techniques, materials)."""
    return forms.ModelMultipleChoiceField(
        label=label, queryset=model.objects.order_by("slug"), required=False, widget=forms.CheckboxSelectMultiple
    )


class ProfileForm(forms.Form):
    website = forms.URLField(label=_("Website or page in a social network"), required=False, assume_scheme="https")
    links = forms.CharField(
        label=_("Other pages (one web address a line: Instagram, a shop, YouTube…)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    disciplines = terms(Discipline, _("Crafts and arts"))
    techniques = terms(Technique, _("Techniques"))
    materials = terms(Material, _("Materials"))
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("E-mail for visitors"), required=False)
    address = forms.CharField(label=_("Workshop address"), required=False, max_length=300)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    photo = forms.ImageField(label=_("Photo"), required=False)
    crop_square = forms.BooleanField(label=_("Crop to a square around the centre (a portrait)"), required=False)
    is_photo_public = forms.BooleanField(label=_("Visitors may see my photo"), required=False)

    def __init__(self, *args, person: Person, **kwargs):
        initial = {
            "website": person.website,
            "links": "\n".join(person.links or []),
            "disciplines": list(person.disciplines.all()),
            "techniques": list(person.techniques.all()),
            "materials": list(person.materials.all()),
            **{field: getattr(person, field) for field in CONSENTS},
            **{f"is_{field}_public": getattr(person, f"is_{field}_public") for field in CONSENTS},
            **{f"biography_{code}": dict(person.biography or {}).get(code, "") for code, _name in LANGUAGES},
            **{f"photo_alt_{code}": dict(person.photo_alt or {}).get(code, "") for code, _name in LANGUAGES},
            "is_photo_public": person.is_photo_public,
        }
        super().__init__(*args, initial=initial, **kwargs)
        for code, name in LANGUAGES:
            self.fields[f"biography_{code}"] = forms.CharField(
                label=_("Biography in %(language)s") % {"language": name}, required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )  # fmt: skip
            self.fields[f"photo_alt_{code}"] = forms.CharField(
                label=_("What the photo shows, in %(language)s") % {"language": name}, required=False, max_length=300
            )
        for field, text in CONSENTS.items():
            self.fields[f"is_{field}_public"] = forms.BooleanField(label=text, required=False)

    def clean_links(self) -> list[str]:
        from django.core.validators import URLValidator

        links = []
        for line in self.cleaned_data["links"].splitlines():
            link = line.strip()
            if not link:
                continue
            if "://" not in link:
                link = f"https://{link}"
            try:
                URLValidator(schemes=["http", "https"])(link)
            except forms.ValidationError:
                raise forms.ValidationError(_("“%(link)s” is not a web address.") % {"link": line.strip()}) from None
            links.append(link)
        if len(links) > 10:
            raise forms.ValidationError(_("At most ten web addresses."))
        return links

    def biography(self) -> dict:
        return texts(self.cleaned_data, "biography")

    def photo_alt(self) -> dict:
        return texts(self.cleaned_data, "photo_alt")

    def person_fields(self) -> dict:
        """What goes to person_update (the photo goes to person_photo_set)."""
        data = self.cleaned_data
        fields = {"website": data["website"], "links": data["links"], "biography": self.biography()}
        for key in ("disciplines", "techniques", "materials"):
            fields[key] = list(data[key])
        for field in CONSENTS:
            fields[field] = data[field] or (None if field == "birth_date" else "")
            fields[f"is_{field}_public"] = data[f"is_{field}_public"]
        fields["is_photo_public"] = data["is_photo_public"]
        return fields

    def consent_pairs(self):
        return [(self[field], self[f"is_{field}_public"]) for field in CONSENTS]
