from craftcity.demo.aitys import load_aitys
from craftcity.demo.backdate import backdate_community
from craftcity.demo.community import community_loaded, load_community
from craftcity.demo.events import load_events
from craftcity.demo.illustrations import load_illustrations
from craftcity.demo.music import load_music
from craftcity.demo.plan import BENCH_EMAIL_DOMAIN, plan_community
from craftcity.demo.reference import load_reference
from craftcity.demo.seed_loader import load_seed
from craftcity.demo.support import load_support
from craftcity.demo.tours import load_tours
from craftcity.demo.works import load_works
from craftcity.people.models import Person

from ._base import DataCommand


class Command(DataCommand):
    help = (
        "Load the demo city: reference data, the real people, organizations, places and titles named in the "
        "seed articles, and a synthetic community of artisans and musicians (is_demo) with dynasties, "
        "memberships and workshops. Idempotent: what is already there is left alone."
    )
    batch_label = "load demo data"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--synthetic", type=int, default=300, metavar="N", help="Synthetic people (default 300).")
        parser.add_argument("--seed", type=int, default=2025, help="Random seed of the synthetic community.")

    def run(self, *, stats, synthetic=300, seed=2025, **options):
        self.progress("reference data…")
        load_reference(stats=stats)
        self.progress("facts from the seed articles…")
        load_seed(stats=stats)
        if synthetic > 0:
            self._community(stats, synthetic, seed)
        self.progress("curated demo tours…")
        load_tours(stats=stats)
        self.progress("works and exhibitions from the seed articles…")
        load_works(stats=stats)
        self.progress("events, programmes and a demo competition…")
        load_events(stats=stats)
        self.progress("music: repertoire, a demo ensemble, a demo kui and its recordings…")
        load_music(stats=stats)
        self.progress("City of Music: an aitys, the planned programmes, an open-air season (demo)…")
        load_aitys(stats=stats)
        self.progress("drawn pictures for demo organizations, events and places…")
        load_illustrations(stats=stats)
        if synthetic > 0:
            self.progress("support programmes, titles and past reports (demo)…")
            load_support(stats=stats, seed=seed)

    def _community(self, stats, synthetic, seed):
        if community_loaded():
            people = Person.objects.filter(is_demo=True).exclude(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").count()
            self.progress(
                f"synthetic community already loaded ({people} demo people); "
                "to rebuild it with another size or seed, run `craftcity remove_demo` first"
            )
            return
        self.progress(f"synthetic community of {synthetic} people (seed {seed})…")
        load_community(plan_community(seed=seed, count=synthetic), stats=stats, progress=self.progress)
        self.progress("spreading the synthetic community over the years…")
        backdate_community(seed=seed, stats=stats)
