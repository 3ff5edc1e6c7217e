from craftcity.demo.remove import demo_counts, remove_demo

from ._base import DataCommand


class Command(DataCommand):
    help = (
        "Delete every demo record (is_demo) and only those: synthetic people, their relations, dynasties, "
        "memberships, workshops and associations. The real people and organizations of the seed articles stay."
    )
    batch_label = "remove demo data"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Do not write a history row per deleted record (for benchmark registries of 100,000 people).",
        )

    def run(self, *, stats, no_history=False, **options):
        before = demo_counts()
        self.progress("demo records: " + (", ".join(f"{k} {v}" for k, v in before.items() if v) or "none"))
        remove_demo(stats=stats, with_history=not no_history, progress=self.progress)
