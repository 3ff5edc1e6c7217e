from craftcity.demo.partner import CITY_FILE, load_partner
from craftcity.demo.reference import load_reference

from ._base import DataCommand


class Command(DataCommand):
    help = (
        "Load the synthetic partner city Sheberkent (demo data, Russian and English names) into this database, to "
        "try the network of craft cities on one machine. Run the server with "
        f"CRAFTCITY_CITY_FILE={CITY_FILE} so it presents itself as Sheberkent. Idempotent; `remove_demo` removes it."
    )
    batch_label = "load partner demo city"

    def run(self, *, stats, **options):
        self.progress("reference data…")
        load_reference(stats=stats)
        self.progress("the partner city's artisans and events (demo)…")
        load_partner(stats=stats)
