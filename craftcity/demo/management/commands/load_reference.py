from craftcity.demo.reference import load_reference

from ._base import DataCommand


class Command(DataCommand):
    help = (
        "Load the reference data every installation needs: countries, the regions and main cities of "
        "Kazakhstan, the discipline taxonomy and materials. Idempotent: only what is missing is added."
    )
    batch_label = "load reference data"

    def run(self, *, stats, **options):
        load_reference(stats=stats)
