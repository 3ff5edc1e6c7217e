from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "craftcity.core"
    verbose_name = _("Core")

    def ready(self):
        from django.apps import apps

        from .cache import is_registry_model, watch

        for model in apps.get_models(include_auto_created=True):
            if is_registry_model(model):
                watch(model)
