from django.core.management.base import BaseCommand

from craftcity.events.services import offers_expire, reminders_send


class Command(BaseCommand):
    help = (
        "Expire seat offers not accepted in time and offer the seats to the next people on the waiting lists; "
        "with --reminders, also e-mail participants of events starting within two days. Run it every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reminders", action="store_true", help="Also send the reminders that are due.")

    def handle(self, *args, reminders=False, **options):
        expired = offers_expire()
        self.stdout.write(f"{expired} offer(s) expired")
        if reminders:
            self.stdout.write(f"{reminders_send()} reminder(s) sent")
