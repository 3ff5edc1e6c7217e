"""Back office of aitys contests and event series: the draw, closing rounds and publishing go through
craftcity.aitys.services; series through craftcity.events.services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from craftcity.aitys import services
from craftcity.aitys.models import Aitys
from craftcity.events.models import EventSeries
from craftcity.events.services import event_series_save
from craftcity.public.refusals import refusal_text

from .mixins import BatchedAdmin, ServiceSaves


def _refuse_delete(request, obj):
    raise PermissionDenied


@admin.register(EventSeries)
class EventSeriesAdmin(ServiceSaves, BatchedAdmin):
    list_display = ["__str__", "field", "is_open_air", "year", "status", "is_demo"]
    list_filter = ["field", "is_open_air", "status", "is_demo"]
    search_fields = ["slug", "name"]

    def service_save(self, request, obj):
        event_series_save(user=request.user, series=obj)

    service_delete = staticmethod(_refuse_delete)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Aitys)
class AitysAdmin(ServiceSaves, BatchedAdmin):
    """Create on a competition, then run it from the list: draw the bracket, close each round, publish."""

    list_display = ["__str__", "status", "has_audience_vote", "champion", "is_demo"]
    list_filter = ["status", "is_demo"]
    raw_id_fields = ["competition"]
    readonly_fields = ["status", "champion"]
    actions = ["draw", "close_round", "publish"]

    def get_queryset(self, request):
        from craftcity.events.rules import managed_event_ids

        queryset = super().get_queryset(request).select_related("competition__event")
        ids = managed_event_ids(request.user)
        return queryset if ids is None else queryset.filter(competition__event_id__in=ids)

    def get_readonly_fields(self, request, obj=None):
        # The competition and the vote are chosen once: a bracket already drawn keeps its rules.
        return [*self.readonly_fields, "competition", "has_audience_vote"] if obj else self.readonly_fields

    def service_save(self, request, obj):
        if obj.pk is None:
            services.aitys_create(
                user=request.user, competition=obj.competition, has_audience_vote=obj.has_audience_vote
            )

    service_delete = staticmethod(_refuse_delete)

    def has_delete_permission(self, request, obj=None):
        return False

    def _run(self, request, queryset, work, done):
        for aitys in queryset:
            try:
                work(aitys)
                self.message_user(request, done % {"aitys": aitys}, messages.SUCCESS)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{aitys}: {refusal_text(error)}", messages.ERROR)

    @admin.action(description=_("Draw the bracket (seeds in order of application)"))
    def draw(self, request, queryset):
        self._run(request, queryset, lambda a: services.aitys_draw(user=request.user, aitys=a),
                  _("%(aitys)s: the bracket is drawn."))  # fmt: skip

    @admin.action(description=_("Close the open round and seed the next"))
    def close_round(self, request, queryset):
        self._run(request, queryset, lambda a: services.round_close(user=request.user, aitys=a),
                  _("%(aitys)s: the round is closed."))  # fmt: skip

    @admin.action(description=_("Publish the results as awards"))
    def publish(self, request, queryset):
        self._run(request, queryset, lambda a: services.aitys_results_publish(user=request.user, aitys=a),
                  _("%(aitys)s: the results are published."))  # fmt: skip
