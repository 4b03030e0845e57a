"""The project's WSGI entry point: the ``application`` a WSGI server runs."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

application = get_wsgi_application()
