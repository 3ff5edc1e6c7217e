from django.core.management.base import CommandError

from craftcity.demo.bulk import bench_people, generate, plan_bench, remove_bench
from craftcity.demo.reference import load_reference

from ._base import DataCommand


class Command(DataCommand):
    help = (
        "Generate a large deterministic registry for benchmarks: people with name forms in every script, "
        "disciplines, regions, memberships, lineage relations and derived dynasties (all is_demo). Bulk inserts "
        "bypass the per-row services and history on purpose: this is benchmark data, not a registrar's work."
    )
    batch_label = "generate benchmark people"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--count", type=int, required=True, help="How many people.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same registry (default 1).")
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows per bulk insert (default 5000).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete an earlier benchmark registry first (without history)."
        )

    def run(self, *, stats, count, seed=1, batch_size=5000, replace=False, **options):
        if count <= 0 or batch_size <= 0:
            raise CommandError("--count and --batch-size must be positive.")
        load_reference(stats=stats)
        existing = bench_people().count()
        if existing and not replace:
            raise CommandError(
                f"A benchmark registry of {existing} people is already loaded; add --replace to rebuild it."
            )
        if existing:
            self.progress(f"removing the earlier benchmark registry ({existing} people)…")
            remove_bench(stats=stats)
        self.progress(f"planning {count} people (seed {seed})…")
        community = plan_bench(count=count, seed=seed)
        generate(community, stats=stats, batch_size=batch_size, progress=self.progress)
