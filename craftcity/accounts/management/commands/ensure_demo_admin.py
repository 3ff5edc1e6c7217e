from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the demo administrator 'admin' with password 'admin' (development only; never in production)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo administrator outside development (DEBUG is off).")
        users = get_user_model().objects
        if users.filter(username="admin").exists():
            self.stdout.write("The demo administrator already exists.")
            return
        users.create_superuser("admin", "admin@example.kz", "admin")
        self.stdout.write(self.style.SUCCESS("Created the demo administrator admin/admin."))
