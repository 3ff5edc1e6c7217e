"""The form an artisan fills to add or change a work they made (My craftcity → My works)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from craftcity.taxonomy.models import Discipline, Material, Technique
from craftcity.works.models import Work

from .profile_form import LANGUAGES, terms, texts


class WorkForm(forms.Form):
    year_from = forms.IntegerField(label=_("Year made (or from)"), required=False, min_value=0, max_value=2100)
    year_to = forms.IntegerField(label=_("Until (if made over several years)"), required=False, min_value=0,
                                 max_value=2100)  # fmt: skip
    dimensions = forms.CharField(label=_("Dimensions"), required=False, max_length=200)
    discipline = forms.ModelChoiceField(label=_("Craft"), queryset=Discipline.objects.order_by("slug"), required=False)
    techniques = terms(Technique, _("Techniques"))
    materials = terms(Material, _("Materials"))
    image = forms.ImageField(label=_("Add a photo of the work"), required=False)

    def __init__(self, *args, work: Work | None = None, **kwargs):
        initial = {}
        if work is not None:
            initial = {
                "year_from": work.year_from, "year_to": work.year_to, "dimensions": work.dimensions,
                "discipline": work.discipline, "techniques": list(work.techniques.all()),
                "materials": list(work.materials.all()),
                **{f"title_{c}": dict(work.title or {}).get(c, "") for c, _n in LANGUAGES},
                **{f"description_{c}": dict(work.description or {}).get(c, "") for c, _n in LANGUAGES},
            }  # fmt: skip
        super().__init__(*args, initial=initial, **kwargs)
        for code, name in LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name}, required=False, max_length=300
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description in %(language)s") % {"language": name}, required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )  # fmt: skip
            self.fields[f"alt_{code}"] = forms.CharField(
                label=_("What the photo shows, in %(language)s") % {"language": name}, required=False, max_length=500
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{c}", "").strip() for c, _n in LANGUAGES):
            raise forms.ValidationError(_("Give the work a title in at least one language."))
        return data

    def work_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": texts(data, "title"), "description": texts(data, "description"),
            "year_from": data["year_from"], "year_to": data["year_to"], "dimensions": data["dimensions"],
            "discipline": data["discipline"], "techniques": list(data["techniques"]),
            "materials": list(data["materials"]),
        }  # fmt: skip

    def alt(self) -> dict:
        return texts(self.cleaned_data, "alt")
