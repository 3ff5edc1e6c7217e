from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from craftcity.network.client import FetchError
from craftcity.network.services import description_fetch, partner_city_add


class Command(BaseCommand):
    help = (
        "Make a city a partner of this hub: give its site root (https://city.example/); its network description "
        "is read from /.well-known/craftcity there and checked. Adding the same address again refreshes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("base_url", help="The partner's site root, or the address of its network description.")
        parser.add_argument("--dry-run", action="store_true", help="Only read and check the description.")

    def handle(self, *args, base_url, dry_run=False, **options):
        try:
            if dry_run:
                address, description = description_fetch(base_url=base_url)
                self.stdout.write(f"{address}: {description['slug']} — {', '.join(sorted(description['streams']))}")
                return
            city = partner_city_add(base_url=base_url)
        except FetchError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        streams = ", ".join(city.streams.order_by("kind").values_list("kind", flat=True))
        self.stdout.write(self.style.SUCCESS(f"{city.slug}: {city.name} ({city.description_url}); streams: {streams}"))
