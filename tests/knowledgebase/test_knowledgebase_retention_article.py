"""The knowledge-base article "Hoe lang bewaren we gegevens?", generated from the retention rules:
created once, updated when a rule changes (after the commit), found by the ordinary search,
kept in the site's language, and part of the demo."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from accounts import roles
from knowledgebase import generated, services
from knowledgebase.models import Article, ArticleVersion
from knowledgebase.search import search_articles
from retention import explain
from retention.models import RetentionRule
from retention.services import load_default_rules
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SLUG = generated.RETENTION_SLUG


@pytest.fixture
def rules():
    RetentionRule.objects.all().delete()
    load_default_rules()


def article() -> Article:
    return Article.objects.get(slug=SLUG)


def test_created_once_with_every_rule_and_kind_of_data(rules):
    first = generated.sync_retention_article()
    assert first.outcome == "created"
    made = article()
    assert made.status == Article.Status.INTERNAL and made.is_searchable
    assert made.category.slug == "privacy"
    assert made.review_by is not None
    assert len(made.summary) <= 1500
    for rule in RetentionRule.objects.all():
        assert rule.code in made.body  # every rule, with what happens and its source
        assert " ".join(rule.legal_source.split()) in made.body
        assert explain.phrase_text(rule)[1:] in made.body  # capitalised as a heading
    for group in explain.retention_overview():
        assert group.label[1:] in made.body
    assert reverse("retention:rules") in made.body
    versions = ArticleVersion.objects.filter(article=made).count()

    again = generated.sync_retention_article()
    assert again.outcome == "unchanged"
    assert Article.objects.filter(slug=SLUG).count() == 1
    assert ArticleVersion.objects.filter(article=made).count() == versions


def test_a_rule_change_updates_the_article_after_the_commit(
    rules, django_capture_on_commit_callbacks
):
    generated.sync_retention_article()
    version = article().version
    phone = RetentionRule.objects.get(code="telefoonnummers-na-huur")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        phone.period_amount = 4
        phone.save()
    assert article().version == version  # nothing before the commit
    for callback in callbacks:
        callback()
    updated = article()
    assert explain.phrase_text(phone)[1:] in updated.body
    assert updated.version > version
    assert updated.versions.order_by("-number").first().note


def test_a_deleted_rule_leaves_the_article(rules, django_capture_on_commit_callbacks):
    generated.sync_retention_article()
    names = list(RetentionRule.objects.filter(target="access_log").values_list("name", flat=True))
    assert names and all(name in article().body for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        RetentionRule.objects.filter(target="access_log").delete()
    assert not any(name in article().body for name in names)
    assert explain.no_rule_text()[1:] in article().body  # the access log now has no rule


def test_a_rolled_back_change_leaves_the_article_alone(rules, django_capture_on_commit_callbacks):
    generated.sync_retention_article()
    body = article().body
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rule = RetentionRule.objects.get(code="telefoonnummers-na-huur")
        rule.period_amount = 9
        rule.save()
    assert len(callbacks) == 1  # only run on commit; a rollback discards it
    assert article().body == body


def test_a_new_rule_creates_the_article_when_there_is_none(
    rules, django_capture_on_commit_callbacks
):
    assert not Article.objects.filter(slug=SLUG).exists()
    with django_capture_on_commit_callbacks(execute=True):
        rule = RetentionRule.objects.get(code="taken-anonimiseren")
        rule.period_amount = 3
        rule.save()
    assert explain.phrase_text(rule)[1:] in article().body


def test_staff_find_it_with_the_search(rules):
    ArticleFactory(
        slug="inzage-gegevens",
        title="Inzage in eigen gegevens",
        summary="Een huurder mag zijn gegevens inzien; wij sturen een overzicht.",
        body="Het overzicht noemt de gegevens, de doelen, de ontvangers en de bewaartermijnen.",
        keywords="inzage, avg",
    )
    ArticleFactory(slug="huur-betalen", title="Huur betalen", keywords="betaalwijze")
    generated.sync_retention_article()
    for query in ("bewaartermijn", "hoe lang bewaren", "Hoe lang bewaren jullie mijn gegevens?"):
        found = [a.slug for a in search_articles(query).articles]
        assert found and found[0] == SLUG, (query, found)


def test_a_status_set_by_the_administrator_is_kept(rules, make_user):
    admin = make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR])
    generated.sync_retention_article()
    made = article()
    made.owner = admin
    services.save_article(made, by=admin)
    services.change_status(made, Article.Status.PUBLISHED, by=admin)
    rule = RetentionRule.objects.get(code="inzagelog")
    rule.period_amount = 3
    rule.save()
    assert generated.sync_retention_article().outcome == "updated"
    assert article().status == Article.Status.PUBLISHED
    assert article().owner == admin


def test_written_in_the_site_language_whoever_triggers_it(rules):
    with translation.override("en"):
        generated.sync_retention_article()
    with translation.override("nl"):
        assert article().title == translation.gettext("How long do we keep data?")
        # Labels the catalogue already has are Dutch, whatever the request's language.
        assert explain.target_label("phone_number")[1:] in article().body


def test_staff_read_it_in_the_knowledge_base(client, rules, make_user):
    generated.sync_retention_article()
    client.force_login(make_user("mw", roles=[roles.EMPLOYEE]))
    response = client.get(reverse("knowledgebase:article", args=[SLUG]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("retention:rules")}"' in html
    assert "huurovereenkomst-fiscaal" in html


def test_management_command(rules):
    out = StringIO()
    call_command("sync_retention_article", stdout=out)
    assert "created" in out.getvalue()
    out = StringIO()
    call_command("sync_retention_article", "--as-of", "2030-01-01", stdout=out)
    assert "unchanged" in out.getvalue()
    assert Article.objects.filter(slug=SLUG).count() == 1


def test_the_demo_ends_up_with_it(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "retention article created" in out.getvalue()
    made = article()
    assert made.is_searchable
    assert made.category.slug == "privacy"
    assert search_articles("bewaartermijn").articles[0].slug == SLUG


def test_the_nightly_task_follows_a_rule_that_starts_today(rules):
    from knowledgebase import tasks

    assert tasks.sync_retention_article() == {"outcome": "created"}
    assert tasks.sync_retention_article() == {"outcome": "unchanged"}
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    RetentionRule.objects.filter(code="telefoonnummers-na-huur").update(active_from=tomorrow)
    assert tasks.sync_retention_article() == {"outcome": "updated"}
