from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierConfig(AppConfig):
    name = "craftcity.dossier"
    verbose_name = _("Dossier and indicators")

    def ready(self):
        from . import checks  # noqa: F401
