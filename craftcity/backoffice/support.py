"""Back office of the support programmes: every save goes through craftcity.support.services."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Sum
from django.utils import timezone

from craftcity.support import services
from craftcity.support.models import Grant, GrantReport, Instalment, Programme, Residency

from .mixins import BatchedAdmin, ServiceSaves


def _refuse_delete(request, obj):
    # Money once awarded or paid is corrected, cancelled or reversed, never erased: the history must add up.
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


@admin.register(Programme)
class ProgrammeAdmin(ServiceSaves, BatchedAdmin):
    list_display = ["__str__", "kind", "funder", "currency", "are_awards_public", "is_demo"]
    list_filter = ["kind", "are_awards_public", "is_demo"]
    search_fields = ["slug", "name"]
    autocomplete_fields = ["funder"]
    raw_id_fields = ["call"]

    def service_save(self, request, obj):
        services.programme_save(actor=request.user, programme=obj)

    service_delete = staticmethod(_refuse_delete)

    def has_delete_permission(self, request, obj=None):
        return False


class InstalmentInline(admin.TabularInline):
    model = Instalment
    extra = 0
    can_delete = False
    readonly_fields = ["amount", "paid_on"]

    def has_add_permission(self, request, obj=None):
        return False  # paid through the "Instalments" screen (instalment_pay checks the total)


class ReportInline(admin.TabularInline):
    model = GrantReport
    extra = 0
    can_delete = False
    fields = ["submitted_on", "status", "decided_on", "decided_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Grant)
class GrantAdmin(ServiceSaves, BatchedAdmin):
    list_display = ["__str__", "programme", "recipient", "amount", "decided_on", "status", "paid", "is_demo"]
    list_filter = ["programme", "status", "is_demo"]
    search_fields = ["programme__name", "person__names__full_name", "organization__name"]
    autocomplete_fields = ["programme", "person", "organization"]
    raw_id_fields = ["application"]
    readonly_fields = ["status", "cancelled_on"]
    inlines = [InstalmentInline, ReportInline]
    date_hierarchy = "decided_on"

    @admin.display(description=Instalment._meta.verbose_name_plural)
    def paid(self, obj):
        return obj.instalments.aggregate(total=Sum("amount"))["total"] or 0

    def service_save(self, request, obj):
        services.grant_save(actor=request.user, grant=obj)

    service_delete = staticmethod(_refuse_delete)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # the inlines are read-only: nothing is written around the services


@admin.register(Instalment)
class InstalmentAdmin(ServiceSaves, BatchedAdmin):
    list_display = ["__str__", "grant", "paid_on"]
    autocomplete_fields = ["grant"]
    date_hierarchy = "paid_on"

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def service_save(self, request, obj):
        services.instalment_pay(actor=request.user, grant=obj.grant, amount=obj.amount, paid_on=obj.paid_on)

    service_delete = staticmethod(_refuse_delete)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GrantReport)
class GrantReportAdmin(ServiceSaves, BatchedAdmin):
    list_display = ["__str__", "grant", "submitted_on", "status", "decided_on"]
    list_filter = ["status"]
    autocomplete_fields = ["grant"]
    readonly_fields = ["decided_on", "decided_by"]

    def service_save(self, request, obj):
        if obj.pk is None:
            services.grant_report_submit(
                actor=request.user, grant=obj.grant, submitted_on=obj.submitted_on, summary=obj.summary
            )
        elif obj.status != GrantReport.Status.SUBMITTED:
            services.grant_report_decide(
                actor=request.user,
                report=obj,
                accept=obj.status == GrantReport.Status.ACCEPTED,
                decided_on=obj.decided_on or timezone.localdate(),
                comment=obj.comment,
            )

    service_delete = staticmethod(_refuse_delete)


@admin.register(Residency)
class ResidencyAdmin(ServiceSaves, BatchedAdmin):
    list_display = ["__str__", "host", "starts_on", "ends_on", "is_demo"]
    autocomplete_fields = ["grant", "host", "place", "works", "events"]

    def service_save(self, request, obj):
        services.residency_save(actor=request.user, residency=obj)

    service_delete = staticmethod(_refuse_delete)
