from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "craftcity.awards"
    verbose_name = _("Designations and awards")
