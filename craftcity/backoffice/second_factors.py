"""Second factors in the back office: administrators see who has one and remove a lost one (the person then
sets up a new one); the secrets themselves are never shown. No role but the administrator's has these rights."""

from allauth.mfa.models import Authenticator
from django.contrib import admin

from craftcity.accounts.services import second_factor_reset

admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class SecondFactorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        second_factor_reset(user=obj.user, actor=request.user)

    def delete_queryset(self, request, queryset):
        for user in {authenticator.user for authenticator in queryset.select_related("user")}:
            second_factor_reset(user=user, actor=request.user)
