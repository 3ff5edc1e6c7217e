"""Back office for profile claims (approve or refuse with a reason) and invitations sent from a person's record.
Every decision goes through people/claims.py; who may decide is asked of accounts.rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from craftcity.accounts.rules import can_decide_claim, edited_organization_ids, is_registrar
from craftcity.people import claims
from craftcity.people.models import Person, ProfileClaim


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Approve: link the account")), ("refuse", gettext_lazy("Refuse"))],
        widget=forms.RadioSelect(attrs={"form": "decision-form"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (the user reads it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "form": "decision-form"}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    language = forms.ChoiceField(label=gettext_lazy("Language of the e-mail"), choices=settings.LANGUAGES)


@admin.register(ProfileClaim)
class ProfileClaimAdmin(admin.ModelAdmin):
    list_display = ["person", "user", "is_proposal", "status", "created_at", "decided_by"]
    list_filter = ["status", "is_proposal"]
    search_fields = ["person__names__full_name", "user__email"]
    list_select_related = ["person", "user", "decided_by"]
    fields = ["person", "user", "is_proposal", "message", "language", "status", "reason", "decided_by", "decided_at"]
    readonly_fields = fields
    change_form_template = "admin/people/profileclaim/change_form.html"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_registrar(request.user):
            return queryset
        # An organization editor sees the claims to profiles of their organizations' members.
        return queryset.filter(
            person__memberships__organization_id__in=edited_organization_ids(request.user), is_proposal=False
        ).distinct()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or can_decide_claim(request.user, obj.person)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/decide/", wrap(self.decide_view), name="people_profileclaim_decide"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"decision_form": DecisionForm(), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def decide_view(self, request, pk: int):
        claim = get_object_or_404(self.get_queryset(request), pk=pk)
        change = reverse("admin:people_profileclaim_change", args=[pk])
        if request.method != "POST":
            return redirect(change)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                claims.claim_decide(
                    actor=request.user,
                    claim=claim,
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, " ".join(getattr(error, "messages", [str(error) or _("You may not do this.")])))
            else:
                self.message_user(request, _("The decision was saved and the user was told by e-mail."))
                return redirect("admin:people_profileclaim_changelist")
        context = {
            **self.admin_site.each_context(request),
            "original": claim,
            "opts": self.model._meta,
            "decision_form": form,
            "title": str(claim),
        }
        return TemplateResponse(request, "admin/people/profileclaim/decide.html", context, status=400)


def invite_view(model_admin, request, pk: int):
    """From a person's record: send a one-time link that makes whoever opens it (signed in) this person's account."""
    person = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    if not can_decide_claim(request.user, person):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, initial={"email": person.email, "language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            claims.invitation_create(
                actor=request.user,
                person=person,
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                base_url=request.build_absolute_uri("/"),
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            model_admin.message_user(
                request, _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("admin:people_person_change", pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "original": person,
        "opts": Person._meta,
        "form": form,
        "title": _("Invite %(name)s to their profile") % {"name": person},
    }
    return TemplateResponse(request, "admin/people/person/invite.html", context)


def person_invite_urls(model_admin) -> list:
    wrap = model_admin.admin_site.admin_view
    return [path("<int:pk>/invite/", wrap(lambda request, pk: invite_view(model_admin, request, pk)),
                 name="people_person_invite")]  # fmt: skip
