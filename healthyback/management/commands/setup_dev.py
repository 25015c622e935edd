import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Prepares a development database after `migrate`: on the first run (no users yet) loads "
        "the demo content and creates a superuser with a random password, printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--site-url", default=settings.SITE_URL, help="Where the site is served.")

    def handle(self, *args, username, site_url, **options):
        User = get_user_model()
        admin_url = f"{site_url.rstrip('/')}/admin/"
        if User.objects.exists():
            self.stdout.write(
                f"Admin: {admin_url} (lost the password? run "
                f"`.venv/bin/python manage.py changepassword {username}`)"
            )
            return
        call_command("seed_demo", stdout=self.stdout)
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {admin_url}\n  username: {username}\n  password: {password}\n"
                "  (shown only this once: note it now; change it in the admin or with "
                f"`.venv/bin/python manage.py changepassword {username}`)"
            )
        )
