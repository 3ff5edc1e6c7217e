from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "craftcity.public"
    verbose_name = _("Public site")

    def ready(self):
        from . import event_scopes, scopes

        scopes.register()
        event_scopes.register()
