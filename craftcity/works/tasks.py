"""Jobs of the catalogue, run by the task worker: the nightly open-data dumps (core.schedule)."""

from pathlib import Path

from django.conf import settings
from django.tasks import task


@task
def open_data_dump_job() -> dict[str, int]:
    """Rewrite the open-data dumps; each file is replaced whole, so a killed job leaves yesterday's files."""
    from .opendata import dump_open_data

    base = getattr(settings, "CRAFTCITY_PUBLIC_URL", "http://localhost:8000").rstrip("/")
    return dump_open_data(out=Path(settings.CRAFTCITY_OPEN_DATA_DIR), base=base)
