"""Indicator definitions are checked at startup (`manage.py check` and every run), not mid-dossier."""

from django.core import checks


@checks.register()
def indicator_definitions(app_configs, **kwargs):
    from .indicators import validate_all

    return [checks.Error(message, id="dossier.E001") for message in validate_all()]
