from django.core.management.base import BaseCommand

from craftcity.dossier.services import REMIND_EVERY_DAYS, REMIND_WITHIN_DAYS, obligations_remind


class Command(BaseCommand):
    help = (
        f"E-mail analysts about designation reports overdue or due within {REMIND_WITHIN_DAYS} days "
        f"(each report at most once every {REMIND_EVERY_DAYS} days). Run it daily."
    )

    def handle(self, *args, **options):
        count = obligations_remind()
        self.stdout.write(f"{count} report(s) mentioned in reminders.")
