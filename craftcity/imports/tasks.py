"""Jobs of the imports, run by the task worker (`craftcity db_worker`) outside any web request.

A job is enqueued in the same transaction as the record it works on: with the database backend the job row
commits or rolls back with it, so a crash leaves either both or neither, never an upload nobody will read."""

from django.tasks import task


@task
def import_upload_run(upload_id: int) -> None:
    """Read and import a file sent from the back office."""
    from .services import import_upload_run as run

    run(upload_id=upload_id)
