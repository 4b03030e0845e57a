"""The knowledge base's background jobs: review reminders, index rebuild, forgetting gaps."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accounts import roles
from knowledgebase import services, tasks
from knowledgebase.models import Article, SearchGap, VocabularyWord
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_owners_get_one_reminder_with_their_articles_to_check(make_user):
    today = datetime.date.today()
    owner = make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR])
    owner.email = "beheer@example.nl"
    owner.save()
    other = make_user("fb2", roles=[roles.FUNCTIONAL_ADMINISTRATOR])  # no e-mail address
    ArticleFactory(title="Huurtoeslag", owner=owner, review_by=today - datetime.timedelta(days=5))
    ArticleFactory(title="Rookmelders", owner=owner, review_by=today + datetime.timedelta(days=7))
    ArticleFactory(title="Tuin", owner=owner, review_by=today + datetime.timedelta(days=200))
    ArticleFactory(title="Sleutels", owner=other, review_by=today - datetime.timedelta(days=1))

    result = tasks.send_review_reminders()

    assert result == {"owners": 1}
    (message,) = mail.outbox
    assert message.to == ["beheer@example.nl"]
    assert message.subject == "Kennisbank: 2 artikel(en) om te controleren"
    assert "Huurtoeslag (controledatum verstreken" in message.body
    assert "Rookmelders (controle binnenkort" in message.body
    assert "Tuin" not in message.body and "Sleutels" not in message.body
    assert "/kennisbank/artikel/" in message.body


def test_rebuild_indexes_what_is_missing_and_recounts_words():
    article = ArticleFactory(title="Zonnepanelen op het dak")
    ArticleFactory(title="Zonnepanelen en subsidie")
    Article.objects.filter(pk=article.pk).update(search_vector=None)
    VocabularyWord.objects.all().delete()
    result = tasks.rebuild_search_index()
    assert result["words"] == VocabularyWord.objects.count() > 0
    assert VocabularyWord.objects.get(word="zonnepanelen").articles == 2
    if services.is_postgresql():  # SQLite keeps no vector
        article.refresh_from_db()
        assert article.search_vector is not None


def test_purge_task_forgets_old_gaps():
    gap = services.record_gap("asbest in de schuur")
    SearchGap.objects.filter(pk=gap.pk).update(
        last_seen=timezone.now() - datetime.timedelta(days=400)
    )
    assert tasks.purge_stale_gaps() == {"deleted": 1}


def test_the_jobs_are_scheduled():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "knowledgebase.tasks.rebuild_search_index",
        "knowledgebase.tasks.purge_stale_gaps",
        "knowledgebase.tasks.send_review_reminders",
    } <= scheduled
