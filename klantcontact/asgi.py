"""The project's ASGI entry point: the ``application`` an ASGI server runs."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

application = get_asgi_application()
