"""My organizations: an organization editor keeps its page and its members from the public area, within the
object rules (accounts.rules.can_edit_organization) and through organizations.services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from craftcity.accounts.rules import can_edit_organization, edited_organization_ids
from craftcity.organizations import services
from craftcity.organizations.models import Membership, Organization
from craftcity.people.models import Person

from .profile_form import LANGUAGES
from .refusals import refusal_text


class OrganizationForm(forms.Form):
    website = forms.URLField(label=gettext_lazy("Website"), required=False, assume_scheme="https")
    founded_year = forms.IntegerField(label=gettext_lazy("Founded in"), required=False, min_value=1800, max_value=2100)

    def __init__(self, *args, organization: Organization, **kwargs):
        initial = {
            "website": organization.website,
            "founded_year": organization.founded_year,
            **{f"description_{c}": dict(organization.description or {}).get(c, "") for c, _n in LANGUAGES},
        }
        super().__init__(*args, initial=initial, **kwargs)
        for code, name in LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=gettext_lazy("Description in %(language)s") % {"language": name},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def organization_fields(self) -> dict:
        data = self.cleaned_data
        description = {c: v for c, _n in LANGUAGES if (v := data[f"description_{c}"].strip())}
        return {"website": data["website"], "founded_year": data["founded_year"], "description": description}


def _editable(request, slug: str) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not can_edit_organization(request.user, organization):
        raise Http404
    return organization


@login_required
def organizations(request):
    items = Organization.objects.filter(pk__in=edited_organization_ids(request.user)).order_by("slug")
    return render(request, "public/me/organizations.html", {"organizations": items})


@login_required
def organization(request, slug: str):
    item = _editable(request, slug)
    form = OrganizationForm(request.POST or None, organization=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(actor=request.user, organization=item, **form.organization_fields())
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_text(error))
        else:
            messages.success(request, _("The organization's page was saved."))
            return redirect("me:organization", slug=item.slug)
    members = (
        Membership.objects.filter(organization=item).select_related("person").prefetch_related("person__names")
    ).order_by("end_year", "role", "person_id")
    query = request.GET.get("q", "").strip()[:100]
    found = []
    if query:
        from craftcity.search.models import SearchEntry
        from craftcity.search.services import search

        found = search(query, kinds=[SearchEntry.Kind.PERSON], limit=10)
    return render(
        request,
        "public/me/organization.html",
        {
            "organization": item,
            "form": form,
            "members": members,
            "query": query,
            "found": found,
            "roles": Membership.Role.choices,
        },
    )


@login_required
@require_POST
def member_add(request, slug: str):
    item = _editable(request, slug)
    person = get_object_or_404(Person.objects.public(), pk=request.POST.get("person") or 0)
    role = request.POST.get("role") if request.POST.get("role") in Membership.Role.values else Membership.Role.MEMBER
    try:
        services.membership_create(
            actor=request.user, person=person, organization=item, role=role, start_year=timezone.localdate().year
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("%(name)s was added to the members.") % {"name": person.display_name})
    return redirect("me:organization", slug=item.slug)


@login_required
@require_POST
def member_end(request, slug: str, pk: int):
    item = _editable(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organization=item)
    try:
        services.membership_update(actor=request.user, membership=membership, end_year=timezone.localdate().year)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("The membership was ended this year."))
    return redirect("me:organization", slug=item.slug)
