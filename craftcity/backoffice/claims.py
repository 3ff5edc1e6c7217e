"""Back office for profile claims (approve or refuse with a reason) and invitations sent from a person's record.
Every decision goes through people/claims.py; who may decide is asked of accounts.rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from craftcity.accounts.rules import can_decide_claim, edited_organization_ids, is_registrar
from craftcity.people import claims
from craftcity.people.models import Person, ProfileClaim, RemovalRequest


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Approve")), ("refuse", gettext_lazy("Refuse"))],
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


class DecisionAdmin(admin.ModelAdmin):
    """A request that someone decides once, approving or refusing with a reason (`decide` calls the service);
    the change page is read-only with a decision form under it."""

    change_form_template = "admin/people/decision_change_form.html"
    approve_label = gettext_lazy("Approve")

    def decide(self, request, obj, approve: bool, reason: str):
        raise NotImplementedError

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def _decide_url(self) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_decide"

    def get_urls(self):
        decide = path("<int:pk>/decide/", self.admin_site.admin_view(self.decide_view), name=self._decide_url())
        return [decide, *super().get_urls()]

    def _form(self, data=None) -> DecisionForm:
        form = DecisionForm(data)
        form.fields["decision"].choices = [("approve", self.approve_label), ("refuse", _("Refuse"))]
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"decision_form": self._form(), "decide_url": self._decide_url(), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def decide_view(self, request, pk: int):
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        changelist = f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"
        if request.method != "POST":
            return redirect(changelist.replace("changelist", "change"), pk)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                self.decide(request, obj, form.cleaned_data["decision"] == "approve", form.cleaned_data["reason"])
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, " ".join(getattr(error, "messages", [str(error) or _("You may not do this.")])))
            else:
                self.message_user(request, _("The decision was saved and the user was told by e-mail."))
                return redirect(changelist)
        context = {
            **self.admin_site.each_context(request),
            "original": obj,
            "opts": self.model._meta,
            "decision_form": form,
            "decide_url": self._decide_url(),
            "title": str(obj),
        }
        return TemplateResponse(request, "admin/people/decide.html", context, status=400)


@admin.register(ProfileClaim)
class ProfileClaimAdmin(DecisionAdmin):
    list_display = ["person", "user", "is_proposal", "status", "created_at", "decided_by"]
    list_filter = ["status", "is_proposal"]
    search_fields = ["person__names__full_name", "user__email"]
    list_select_related = ["person", "user", "decided_by"]
    fields = ["person", "user", "is_proposal", "message", "language", "status", "reason", "decided_by", "decided_at"]
    approve_label = gettext_lazy("Approve: link the account")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_registrar(request.user):
            return queryset
        # An organization editor sees the claims to profiles of their organizations' members.
        return queryset.filter(
            person__memberships__organization_id__in=edited_organization_ids(request.user), is_proposal=False
        ).distinct()

    def has_view_permission(self, request, obj=None):
        # Registrars, and organization editors for their members' claims (no model permission involved).
        if obj is not None:
            return can_decide_claim(request.user, obj.person)
        return is_registrar(request.user) or bool(edited_organization_ids(request.user))

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def decide(self, request, obj, approve, reason):
        claims.claim_decide(actor=request.user, claim=obj, approve=approve, reason=reason)


@admin.register(RemovalRequest)
class RemovalRequestAdmin(DecisionAdmin):
    list_display = ["email", "scope", "person", "status", "created_at", "decided_by"]
    list_filter = ["status", "scope"]
    search_fields = ["email"]
    fields = ["email", "user", "person", "scope", "message", "language", "status", "reason", "decided_by",
              "decided_at"]  # fmt: skip
    approve_label = gettext_lazy("Carry out the removal")

    def has_view_permission(self, request, obj=None):
        return is_registrar(request.user)

    def has_change_permission(self, request, obj=None):
        return is_registrar(request.user)

    def has_module_permission(self, request):
        return is_registrar(request.user)

    def decide(self, request, obj, approve, reason):
        claims.removal_decide(actor=request.user, request=obj, approve=approve, reason=reason)


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
