"""Back-office review of likely duplicates: the queue, the side-by-side compare page, merge, reject and undo."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from craftcity.accounts.rules import is_registrar
from craftcity.linkage.models import DuplicateCandidate
from craftcity.linkage.selectors import candidate_queue
from craftcity.linkage.services import (
    MERGE_FIELDS,
    candidate_reject,
    person_merge,
    person_merge_undo,
)
from craftcity.people.models import Person
from recordlink.normalize import normalize_email, normalize_phone

FIELD_LABELS = {
    "photo": gettext_lazy("photo"),
    "phone": gettext_lazy("phone"),
    "email": gettext_lazy("e-mail"),
    "address": gettext_lazy("exact address"),
    "birth_date": gettext_lazy("full birth date"),
}


class ProbabilityFilter(admin.SimpleListFilter):
    title = gettext_lazy("match probability")
    parameter_name = "probability"

    def lookups(self, request, model_admin):
        return [("99", gettext_lazy("99% and above")), ("95", gettext_lazy("95–99%")), ("0", gettext_lazy("below 95%"))]

    def queryset(self, request, queryset):
        if self.value() == "99":
            return queryset.filter(match_probability__gte=0.99)
        if self.value() == "95":
            return queryset.filter(match_probability__gte=0.95, match_probability__lt=0.99)
        if self.value() == "0":
            return queryset.filter(match_probability__lt=0.95)
        return queryset


def _value(person: Person, name: str) -> str:
    field = Person._meta.get_field(name)
    if field.choices:
        return str(getattr(person, f"get_{name}_display")())
    value = getattr(person, name)
    if value is None or value == "" or value == {}:
        return ""
    if name == "photo":
        return value.name or ""
    return str(value)


def _canonical(name: str, value: str) -> str:
    """One phone number or address written two ways is not a difference the registrar has to settle."""
    if name == "phone":
        return normalize_phone(value) or value
    if name == "email":
        return normalize_email(value, gmail_rules=False) or value
    return value


def _comparison_rows(a: Person, b: Person) -> list[dict]:
    """One row per choosable field: both values, whether they differ, and which one is proposed."""
    rows = []
    for name, columns in MERGE_FIELDS.items():
        value_a, value_b = _value(a, name), _value(b, name)
        same = _canonical(name, value_a) == _canonical(name, value_b)
        same = same and all(getattr(a, column) == getattr(b, column) for column in columns[1:])
        if len(columns) > 1 and columns[1].startswith("is_"):
            public = _("public")
            value_a += f" ({public})" if value_a and getattr(a, columns[1]) else ""
            value_b += f" ({public})" if value_b and getattr(b, columns[1]) else ""
        label = FIELD_LABELS.get(name) or Person._meta.get_field(name).verbose_name
        rows.append(
            {
                "name": name,
                "label": label,
                "a": value_a,
                "b": value_b,
                "differs": not same,
                "proposed": "b" if not value_a and value_b else "a",
            }
        )
    return rows


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(admin.ModelAdmin):
    """The registrar's queue of likely duplicates; decisions are taken on the review page, never by editing."""

    list_display = ["pair", "probability", "status", "cluster_key", "decided_by", "decided_at"]
    list_display_links = None
    list_filter = ["status", ProbabilityFilter]
    search_fields = ["person_a__names__full_name", "person_b__names__full_name"]
    ordering = ["-match_weight", "id"]
    list_per_page = 50

    # --- who may use it: registrars only ---------------------------------------------------------

    def has_module_permission(self, request):
        return is_registrar(request.user)

    def has_view_permission(self, request, obj=None):
        return is_registrar(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- the queue --------------------------------------------------------------------------------

    def get_queryset(self, request):
        return candidate_queue(status=None)

    def changelist_view(self, request, extra_context=None):
        # The queue opens on what is waiting; the filters show the decided pairs.
        if not request.GET:
            query = "status__exact=" + DuplicateCandidate.Status.PENDING
            return HttpResponseRedirect(f"{request.path}?{query}")
        return super().changelist_view(request, extra_context)

    @admin.display(description=gettext_lazy("pair"))
    def pair(self, obj):
        url = reverse("admin:linkage_duplicatecandidate_review", args=[obj.pk])
        return format_html('<a href="{}">{} ≟ {}</a>', url, obj.person_a, obj.person_b)

    @admin.display(description=gettext_lazy("match"), ordering="match_weight")
    def probability(self, obj):
        return f"{obj.match_probability:.1%}"

    # --- the review page --------------------------------------------------------------------------

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:candidate_id>/review/", review, name="linkage_duplicatecandidate_review"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:linkage_duplicatecandidate_review", args=[object_id]))

    def review_view(self, request, candidate_id: int):
        if not is_registrar(request.user):
            raise PermissionDenied
        candidate = get_object_or_404(
            DuplicateCandidate.objects.select_related(
                "person_a__region", "person_b__region", "person_a__country", "person_b__country", "decided_by"
            ).prefetch_related("person_a__names", "person_b__names"),
            pk=candidate_id,
        )
        if request.method == "POST":
            return self._decide(request, candidate)
        a, b = candidate.person_a, candidate.person_b
        evidence_total = sum(item.get("weight", 0) for item in candidate.evidence)
        cluster = candidate_queue().filter(cluster_key=candidate.cluster_key).exclude(pk=candidate.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Are these one person?"),
            "candidate": candidate,
            "a": a,
            "b": b,
            "rows": _comparison_rows(a, b),
            "evidence": candidate.evidence,
            "prior_weight": candidate.match_weight - evidence_total,
            "cluster": cluster if candidate.cluster_key else [],
            "counts": {
                side: {
                    "memberships": person.memberships.count(),
                    "relations": person.relations_as_senior.count() + person.relations_as_junior.count(),
                    "awards": person.awards.count(),
                    "places": person.places.count(),
                }
                for side, person in (("a", a), ("b", b))
            },
            "merged_into": {p.pk: p.merged_into_id for p in (a, b) if p.merged_into_id},
            "queue_url": reverse("admin:linkage_duplicatecandidate_changelist"),
        }
        return TemplateResponse(request, "linkage/admin/review.html", context)

    def _decide(self, request, candidate: DuplicateCandidate):
        here = reverse("admin:linkage_duplicatecandidate_review", args=[candidate.pk])
        action = request.POST.get("action")
        try:
            if action == "merge":
                keep_side = request.POST.get("keep")
                if keep_side not in ("a", "b"):
                    raise ValidationError(_("Choose which record to keep."))
                sides = {"a": candidate.person_a, "b": candidate.person_b}
                keep, absorb = sides[keep_side], sides["b" if keep_side == "a" else "a"]
                choices = {}
                for name in MERGE_FIELDS:
                    side = request.POST.get(f"field_{name}")
                    if side in ("a", "b"):
                        choices[name] = "keep" if side == keep_side else "absorb"
                person_merge(actor=request.user, keep=keep, absorb=absorb, field_choices=choices, candidate=candidate)
                self.message_user(
                    request,
                    _("Merged: %(absorb)s is now part of %(keep)s. The merge can be undone from this page.")
                    % {"absorb": absorb, "keep": keep},
                    messages.SUCCESS,
                )
            elif action == "reject":
                candidate_reject(actor=request.user, candidate=candidate)
                self.message_user(
                    request, _("Marked as different people; this pair will not be proposed again."), messages.SUCCESS
                )
            elif action == "undo":
                person_merge_undo(actor=request.user, candidate_or_batch=candidate)
                self.message_user(request, _("The merge was undone; the pair is back in the queue."), messages.SUCCESS)
            else:
                raise ValidationError(_("Unknown action; nothing was changed."))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(here)
