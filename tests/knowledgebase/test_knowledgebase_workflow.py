"""Publishing rules, version history, review dates, flags, feedback and article uses."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import roles
from knowledgebase import history, selectors, services
from knowledgebase.models import Article, ArticleUse, ArticleVersion
from tests.factories import ArticleFactory, ContactMomentFactory, KnowledgeCategoryFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
TODAY = datetime.date.today


@pytest.fixture
def editor(make_user):
    return make_user("beheer", roles=[roles.FUNCTIONAL_ADMINISTRATOR])


def draft(**kwargs):
    return ArticleFactory(status=Status.DRAFT, **kwargs)


def test_the_statuses_go_in_order(editor):
    article = draft()
    with pytest.raises(ValidationError, match="kan niet van concept naar gepubliceerd"):
        services.change_status(article, Status.PUBLISHED, by=editor)
    with pytest.raises(ValidationError):
        services.change_status(article, Status.ARCHIVED, by=editor)
    article = services.change_status(article, Status.INTERNAL, by=editor)
    article = services.change_status(article, Status.PUBLISHED, by=editor)
    article = services.change_status(article, Status.ARCHIVED, by=editor)
    with pytest.raises(ValidationError):
        services.change_status(article, Status.PUBLISHED, by=editor)
    article = services.change_status(article, Status.DRAFT, by=editor)
    assert article.status == Status.DRAFT


def test_each_status_gets_its_timestamp(editor):
    article = draft()
    assert article.internal_at is article.published_at is article.archived_at is None
    before = timezone.now()
    article = services.change_status(article, Status.INTERNAL, by=editor)
    assert article.internal_at >= before and article.published_at is None
    article = services.change_status(article, Status.PUBLISHED, by=editor)
    assert article.published_at >= article.internal_at
    article = services.change_status(article, Status.ARCHIVED, by=editor)
    assert article.archived_at >= article.published_at
    article = services.change_status(article, Status.DRAFT, by=editor)
    assert article.archived_at is None  # reopened
    assert article.published_at is not None  # history stays


def test_requirements_to_make_internal_and_to_publish(editor):
    article = draft(category=None, summary="", body="")
    problems = services.transition_problems(article, Status.INTERNAL)
    assert "Kies een categorie." in problems
    assert "Het artikel heeft een tekst nodig." in problems
    article.category = KnowledgeCategoryFactory()
    article.body = "Uitleg."
    services.save_article(article, by=editor)
    article = services.change_status(article, Status.INTERNAL, by=editor)

    article.owner = None
    article.review_by = TODAY() - datetime.timedelta(days=1)
    services.save_article(article, by=editor)
    problems = services.transition_problems(article, Status.PUBLISHED)
    assert "Een antwoordscript is nodig om te publiceren." in problems
    assert "Een eigenaar is nodig om te publiceren." in problems
    assert "Een controledatum in de toekomst is nodig om te publiceren." in problems
    with pytest.raises(ValidationError):
        services.change_status(article, Status.PUBLISHED, by=editor)
    article.refresh_from_db()
    assert article.status == Status.INTERNAL


def test_every_change_is_a_version_with_who_and_why(editor, make_user):
    article = draft(title="Sleutel kwijt", summary="Bel een slotenmaker.")
    assert list(article.versions.values_list("number", flat=True)) == [1]
    colleague = make_user("collega", roles=[roles.FUNCTIONAL_ADMINISTRATOR])

    services.save_article(article, by=editor)  # nothing changed: no new version
    assert article.versions.count() == 1

    article.summary = "Bel een erkende slotenmaker; wij hebben geen reservesleutel."
    services.save_article(article, by=colleague, note="Reservesleutel toegevoegd")
    services.change_status(article, Status.INTERNAL, by=editor)

    versions = list(article.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[1].changed_by == colleague and versions[1].note == "Reservesleutel toegevoegd"
    assert versions[1].summary.endswith("geen reservesleutel.")
    assert versions[2].status == Status.INTERNAL
    assert versions[2].note == "Status: concept → intern"
    article.refresh_from_db()
    assert article.version == 3


def test_the_diff_is_readable_per_field_and_word(editor):
    article = draft(
        title="Huur opzeggen",
        body="Zeg schriftelijk op.\nDe opzegtermijn is twee maanden.\nDaarna volgt de inspectie.",
        keywords="opzeggen, verhuizen",
    )
    article.title = "Huur opzeggen of beëindigen"
    article.body = "Zeg schriftelijk op.\nDe opzegtermijn is één maand.\nDaarna volgt de inspectie."
    article.keywords = "opzeggen, verhuizen, huur stoppen"
    services.save_article(article, by=editor)
    old, new = article.versions.order_by("number")
    diff = {field.name: field for field in history.version_diff(old, new)}
    assert set(diff) == {"title", "body", "keywords"}
    assert (diff["title"].old, diff["title"].new) == (
        "Huur opzeggen",
        "Huur opzeggen of beëindigen",
    )
    body = diff["body"].lines
    assert [line.kind for line in body] == ["equal", "delete", "insert", "equal"]
    deleted = [text for text, changed in body[1].segments if changed]
    inserted = [text for text, changed in body[2].segments if changed]
    assert deleted == ["twee maanden."] and inserted == ["één maand."]
    assert [line.kind for line in diff["keywords"].lines][-1] == "insert"
    first = history.version_diff(None, old)
    assert {field.name for field in first} >= {"title", "body", "status"}


def test_mark_reviewed_moves_the_review_date(editor):
    article = ArticleFactory(review_by=TODAY() - datetime.timedelta(days=3))
    assert selectors.FLAG_REVIEW_OVERDUE in selectors.article_flags(article)
    services.mark_reviewed(article, by=editor)
    article.refresh_from_db()
    assert article.review_by == TODAY() + datetime.timedelta(days=365)
    assert article.reviewed_at is not None
    assert article.versions.order_by("-number").first().note.startswith("Gecontroleerd")
    assert selectors.article_flags(article) == []
    with pytest.raises(ValidationError):
        services.mark_reviewed(article, by=editor, next_review=TODAY())


def test_flags_review_dates_owner_and_poor_feedback(make_user):
    today = TODAY()
    overdue = ArticleFactory(review_by=today - datetime.timedelta(days=1))
    soon = ArticleFactory(review_by=today + datetime.timedelta(days=10))
    fine = ArticleFactory(review_by=today + datetime.timedelta(days=100))
    orphan = ArticleFactory(owner=None, review_by=None)
    archived = ArticleFactory(status=Status.ARCHIVED, review_by=today - datetime.timedelta(days=9))
    assert selectors.article_flags(overdue) == [selectors.FLAG_REVIEW_OVERDUE]
    assert selectors.article_flags(soon) == [selectors.FLAG_REVIEW_SOON]
    assert selectors.article_flags(fine) == []
    assert selectors.article_flags(orphan) == [
        selectors.FLAG_NO_REVIEW_DATE,
        selectors.FLAG_NO_OWNER,
    ]
    assert selectors.article_flags(archived) == []

    employees = [make_user(f"mw{n}", roles=[roles.EMPLOYEE]) for n in range(5)]
    for n, employee in enumerate(employees):
        services.record_feedback(fine, employee, helpful=n == 0)  # 1 of 5 helpful
    assert selectors.FLAG_POOR_FEEDBACK in selectors.article_flags(fine)
    services.record_feedback(soon, employees[0], helpful=False)  # too few votes to judge
    assert selectors.FLAG_POOR_FEEDBACK not in selectors.article_flags(soon)
    flagged = [row.article for row in selectors.flagged_articles()]
    assert flagged.index(overdue) < flagged.index(soon)
    assert archived not in flagged


def test_feedback_on_the_article_page_is_one_verdict_per_employee_per_day(make_user):
    article = ArticleFactory()
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    services.record_feedback(article, employee, helpful=False)
    services.record_feedback(article, employee, helpful=True)
    use = ArticleUse.objects.get(article=article)
    assert use.helpful is True and use.source == ArticleUse.Source.KNOWLEDGE_BASE
    assert use.contact_moment is None


def test_record_article_uses_links_articles_to_the_contact_moment(reference_codes, make_user):
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    first, second, third = ArticleFactory(), ArticleFactory(), ArticleFactory()
    moment = ContactMomentFactory(handled_by=employee)
    uses = services.record_article_uses(
        moment, f"{first.pk},{second.pk},999999,x", employee, feedback=f"{second.pk}:1"
    )
    assert {u.article for u in uses} == {first, second}
    assert ArticleUse.objects.get(article=second).helpful is True
    assert ArticleUse.objects.get(article=first).helpful is None
    # Again for the same contact: no duplicates; a verdict alone also counts as a use.
    services.record_article_uses(moment, [first.pk], employee, feedback={third.pk: False})
    assert ArticleUse.objects.filter(contact_moment=moment).count() == 3
    assert ArticleUse.objects.get(article=third).helpful is False
    assert all(u.used_by == employee for u in ArticleUse.objects.all())
    assert services.record_article_uses(moment, "", employee) == []


def test_deleting_a_contact_moment_keeps_the_use_without_the_link(reference_codes, make_user):
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    article = ArticleFactory()
    moment = ContactMomentFactory(handled_by=employee)
    services.record_article_uses(moment, [article.pk], employee)
    moment.delete()
    use = ArticleUse.objects.get()
    assert use.contact_moment is None and use.article == article


def test_dashboard_counts_uses_and_first_contact_resolution(reference_codes, make_user):
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    popular, other = ArticleFactory(title="Huur betalen"), ArticleFactory(title="Lekkage")
    for outcome in ("answered", "answered", "answered", "task"):
        moment = ContactMomentFactory(outcome=outcome, handled_by=employee)
        services.record_article_uses(moment, [popular.pk], employee, feedback={popular.pk: True})
    moment = ContactMomentFactory(outcome="callback", handled_by=employee)
    services.record_article_uses(moment, [other.pk], employee)

    board = selectors.dashboard()
    first, second = board.most_used
    assert (first.article, first.uses, first.contacts, first.answered_first) == (popular, 4, 4, 3)
    assert first.first_contact_share == 75 and first.helpful_share == 100
    assert (second.article, second.first_contact_share) == (other, 0)
    assert board.contacts_with_article == 5 and board.first_contact_share == 60
    assert {s: n for _label, s, n in board.status_counts}[Status.PUBLISHED] == 2


def test_roles_read_and_maintain(make_user):
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    leader = make_user("tl", roles=[roles.TEAM_LEADER])
    editor = make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR])
    officer = make_user("fg", roles=[roles.PRIVACY_OFFICER])
    assert services.can_read(employee) and not services.can_maintain(employee)
    assert services.can_read(leader) and services.can_see_dashboard(leader)
    assert not services.can_see_dashboard(employee)
    assert services.can_maintain(editor) and services.can_publish(editor)
    assert services.can_manage_gaps(editor) and not services.can_manage_gaps(leader)
    assert not services.can_read(officer)
    assert not ArticleVersion.objects.exists()
