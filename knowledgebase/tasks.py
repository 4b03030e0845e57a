"""Background jobs of the knowledge base (scheduled in settings.CELERY_BEAT_SCHEDULE, UTC).

All are safe to run twice.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import generated, selectors, services

logger = logging.getLogger(__name__)


@shared_task
def rebuild_search_index() -> dict:
    """Nightly: index articles that have no vector yet and recount the search vocabulary."""
    indexed = services.reindex_all(only_missing=True)
    words = services.rebuild_vocabulary()
    logger.info("knowledge base: %s articles indexed, %s vocabulary words", indexed, words)
    return {"indexed": indexed, "words": words}


@shared_task
def purge_stale_gaps() -> dict:
    """Nightly: forget knowledge gaps nobody searched for in a year."""
    deleted = services.purge_stale_gaps()
    logger.info("knowledge base: %s stale gaps removed", deleted)
    return {"deleted": deleted}


@shared_task
def sync_retention_article() -> dict:
    """Nightly: the retention article follows the rules in force today (a rule that starts or
    ends on a date changes it without anyone saving a rule)."""
    with transaction.atomic():
        result = generated.sync_retention_article()
    return {"outcome": result.outcome}


@shared_task
def send_review_reminders() -> dict:
    """Weekly: mail each owner the articles past or near their review date or poorly rated."""
    sent = 0
    labels = None
    with translation.override(settings.LANGUAGE_CODE):
        labels = selectors.flag_labels()
        for owner, rows in selectors.review_reminders().items():
            body = render_to_string(
                "knowledgebase/review_reminder.txt",
                {
                    "owner": owner,
                    "rows": [
                        {
                            "title": row.article.title,
                            "flags": [labels[f] for f in row.flags],
                            "review_by": row.article.review_by,
                            "path": reverse("knowledgebase:article", args=[row.article.slug]),
                        }
                        for row in rows
                    ],
                },
            )
            subject = translation.gettext("Knowledge base: %(count)s article(s) to check") % {
                "count": len(rows)
            }
            send_mail(subject, body, None, [owner.email])
            sent += 1
    return {"owners": sent}
