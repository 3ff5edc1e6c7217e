"""Jobs of the duplicate search, run by the task worker: nightly over the whole registry (core.schedule), and
after an import too large for the import to queue its own likely duplicates."""

from django.tasks import task


@task
def duplicates_find_job() -> dict[str, int]:
    """Score the whole registry and queue the likely duplicates; one transaction, so it can run again."""
    from .services import duplicates_find

    result = duplicates_find()
    return {
        "pairs": len(result.pairs),
        "created": result.created,
        "updated": result.updated,
        "kept_rejected": result.kept_rejected,
    }
