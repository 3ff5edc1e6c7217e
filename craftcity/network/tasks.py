"""The scheduled harvest of every partner city (core.schedule), run by the task worker."""

from django.tasks import task


@task
def network_harvest_job() -> dict:
    """Harvest every active partner from where it stopped; each city's outcome is in the run's reports."""
    from .services import network_harvest

    run = network_harvest(trigger="schedule")
    return {
        "run": run.pk,
        "status": run.status,
        "cities": {report.city.slug: report.outcome for report in run.reports.select_related("city")},
    }
