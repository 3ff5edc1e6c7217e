from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LineageConfig(AppConfig):
    name = "craftcity.lineage"
    verbose_name = _("Lineage and dynasties")

    def ready(self):
        from . import signals  # noqa: F401
