from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AitysConfig(AppConfig):
    name = "craftcity.aitys"
    verbose_name = _("Aitys")
