"""Jobs of the events, run by the task worker every few minutes (core.schedule)."""

from django.tasks import task


@task
def offers_expire_job() -> dict[str, int]:
    """Offers not accepted in time go to the next people on the waiting lists."""
    from .services import offers_expire

    return {"expired": offers_expire()}


@task
def reminders_send_job() -> dict[str, int]:
    """Participants of events starting within two days get their reminder, once each."""
    from .services import reminders_send

    return {"sent": reminders_send()}
