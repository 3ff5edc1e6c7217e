from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "craftcity.audit"
    verbose_name = _("Change history")

    def ready(self):
        from . import signals  # noqa: F401
