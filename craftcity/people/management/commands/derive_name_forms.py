"""`craftcity derive_name_forms [--dry-run]`: give every person the kk/ru/en name forms they lack (once, after
an upgrade; new records get them when they are saved)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, OuterRef

from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_names_derive


class Command(BaseCommand):
    help = "Derive the missing Russian and Latin name forms of people whose names are written only in Kazakh."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, write nothing")

    def handle(self, *args, dry_run=False, **options):
        lacking = Person.objects.filter(
            Exists(PersonName.objects.filter(person=OuterRef("pk"), form=PersonName.Form.KAZAKH_CYRILLIC))
        ).exclude(
            Exists(PersonName.objects.filter(person=OuterRef("pk"), language="en"))
            & Exists(PersonName.objects.filter(person=OuterRef("pk"), language="ru"))
        )
        people = list(lacking.values_list("pk", flat=True))
        written = 0
        with transaction.atomic():
            for count, person in enumerate(Person.objects.filter(pk__in=people).iterator(chunk_size=1000), start=1):
                written += person_names_derive(person=person)
                if count % 1000 == 0:
                    self.stdout.write(f"{count} / {len(people)}")
            if dry_run:
                transaction.set_rollback(True)
        verb = "would write" if dry_run else "wrote"
        self.stdout.write(f"{len(people)} people lacked forms; {verb} {written} derived forms.")
