"""The project package; it loads the Celery app at start-up so that @shared_task uses it."""

from .celery import app as celery_app

__all__ = ("celery_app",)
