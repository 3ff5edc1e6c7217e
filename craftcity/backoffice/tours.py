"""Back-office screens for curated tours: a tour with its stops inline, in order."""

from django.contrib import admin

from craftcity.tours.models import Tour, TourStop

from .mixins import BatchedAdmin


class TourStopInline(admin.TabularInline):
    model = TourStop
    extra = 1
    ordering = ["position"]
    autocomplete_fields = ["place"]
    fields = ["position", "place", "visit_minutes", "text", "photo"]


@admin.register(Tour)
class TourAdmin(BatchedAdmin):
    list_display = ["__str__", "slug", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["slug", "title"]
    inlines = [TourStopInline]
