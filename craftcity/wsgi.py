import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "craftcity.settings.prod")
application = get_wsgi_application()

# The release's fingerprint (part of every stored page's version) is read here, once in gunicorn's master,
# rather than by each worker's first visitor.
from craftcity.core.cache import release  # noqa: E402

release()
