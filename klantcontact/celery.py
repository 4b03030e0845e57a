"""The Celery application. Eager in-process when CELERY_BROKER_URL is unset, Redis otherwise.

The beat schedule is static and in UTC (``klantcontact/schedule.py``, read by the settings).
Worker: ``celery -A klantcontact worker``; beat: ``celery -A klantcontact beat``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

app = Celery("klantcontact")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
