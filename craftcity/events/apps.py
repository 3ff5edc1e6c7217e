from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "craftcity.events"
    verbose_name = _("Events")

    def ready(self):
        # Events take their place in search and in the dossier, as the registry's own records do.
        from craftcity.core import schedule
        from craftcity.people.merging import register_mover

        from . import indexing, indicators, music_indicators  # noqa: F401
        from .services import person_event_rows_move
        from .tasks import offers_expire_job, reminders_send_job

        register_mover("events.rows", person_event_rows_move)
        schedule.register("frequent", offers_expire_job)
        schedule.register("frequent", reminders_send_job)
