from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from craftcity.accounts.services import second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove the second factor (authenticator app and recovery codes) of an account whose phone is lost; "
        "the person signs in with the password and sets up a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be removed; change nothing.")

    def handle(self, *args, username, dry_run, **options):
        from allauth.mfa.models import Authenticator

        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account with the username {username!r}.")
        kinds = sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True))
        if not kinds:
            self.stdout.write(f"{username} has no second factor.")
            return
        if dry_run:
            self.stdout.write(f"Would remove from {username}: {', '.join(kinds)}.")
            return
        second_factor_reset(user=user)
        self.stdout.write(self.style.SUCCESS(f"Removed from {username}: {', '.join(kinds)}."))
