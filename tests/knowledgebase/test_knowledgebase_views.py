"""Knowledge-base pages, the suggestions endpoint and panel, feedback, the workflow buttons,
the dashboard, the version history and the admin pages."""

import re

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts import roles
from knowledgebase import services
from knowledgebase.models import Article, ArticleUse, ArticleVersion, SynonymGroup, VocabularyWord
from tests.factories import ArticleFactory, KnowledgeCategoryFactory
from tests.support.auth import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee(make_user):
    return make_user("mw", roles=[roles.EMPLOYEE])


@pytest.fixture
def editor(make_user):
    return make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR])


@pytest.fixture
def lekkage():
    return ArticleFactory(
        slug="lekkage",
        title="Lekkage en waterschade",
        summary="Draai de hoofdkraan dicht en meld het direct.",
        body="## Direct doen\n- hoofdkraan dicht\n- **melden**\n\n<script>alert(1)</script>",
        keywords="lek, daklekkage",
    )


def test_employee_searches_and_reads(client, employee, lekkage):
    client.force_login(employee)
    start = client.get(reverse("knowledgebase:search")).content.decode()
    assert reverse("knowledgebase:dashboard") not in start
    page = client.get(reverse("knowledgebase:search"), {"q": "lekage"}).content.decode()
    assert 'data-kb-result="lekkage"' in page
    assert "<mark>Lekkage</mark>" in page  # the corrected word is marked
    assert "Ook gezocht naar: <strong>lekkage</strong>" in page
    article = client.get(lekkage.get_absolute_url()).content.decode()
    assert "<h3>Direct doen</h3>" in article and "<strong>melden</strong>" in article
    assert "<script>alert(1)" not in article and "&lt;script&gt;" in article
    assert "Antwoordscript" in article
    assert "Bewerken" not in article  # no management for employees


def test_browse_by_category_without_words(client, employee):
    parent = KnowledgeCategoryFactory(name="Reparaties", slug="reparaties")
    child = KnowledgeCategoryFactory(name="Water", slug="water", parent=parent)
    ArticleFactory(title="Verstopping", category=child)
    ArticleFactory(title="Huur", category=KnowledgeCategoryFactory(name="Geld", slug="geld"))
    client.force_login(employee)
    start = client.get(reverse("knowledgebase:search")).content.decode()
    assert "Reparaties" in start and "(1)" in start
    page = client.get(reverse("knowledgebase:search"), {"categorie": parent.pk}).content.decode()
    assert "Verstopping" in page and ">Huur<" not in page


def test_drafts_and_archived_articles_only_for_the_administrator(client, employee, editor):
    draft = ArticleFactory(status="draft")
    archived = ArticleFactory(status="archived")
    client.force_login(employee)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(archived.get_absolute_url()).status_code == 404
    verified_login(client, editor)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Concept: alleen de functioneel beheerder ziet dit artikel." in page
    assert 'data-transition="internal"' in page


def test_who_may_open_which_page(client, make_user, employee, editor, lekkage):
    officer = make_user("fg", roles=[roles.PRIVACY_OFFICER])
    leader = make_user("tl", roles=[roles.TEAM_LEADER])
    pages = {
        "search": reverse("knowledgebase:search"),
        "suggestions": reverse("knowledgebase:suggestions"),
        "article": lekkage.get_absolute_url(),
        "dashboard": reverse("knowledgebase:dashboard"),
        "gaps": reverse("knowledgebase:gaps"),
        "versions": reverse("knowledgebase:article_versions", args=[lekkage.slug]),
    }
    expected = {
        employee: {"search", "suggestions", "article"},
        leader: {"search", "suggestions", "article", "dashboard"},
        editor: set(pages),
        officer: set(),
    }
    for user, allowed in expected.items():
        if user in (editor, officer):
            verified_login(client, user)
        else:
            client.force_login(user)
        for name, url in pages.items():
            if name == "suggestions":
                status = client.post(url, {"q": "lekkage"}).status_code
            else:
                status = client.get(url).status_code
            assert status == (200 if name in allowed else 403), (user.username, name, status)


def test_suggestions_fragment(client, employee, lekkage):
    ArticleFactory(title="Schimmel en vocht", slug="schimmel")
    client.force_login(employee)
    url = reverse("knowledgebase:suggestions")
    short = client.post(url, {"q": "le"}).content.decode()
    assert 'data-kb-count="0"' in short and "<li" not in short
    response = client.post(url, {"q": "Reparatieverzoek Water komt door het plafond, lekka"})
    html = response.content.decode()
    assert {"no-store", "private"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert "<html" not in html and "<script" not in html
    assert f'data-kb-id="{lekkage.pk}"' in html
    assert "data-kb-open" in html and f'href="{lekkage.get_absolute_url()}"' in html
    assert html.count("<li") <= 5
    none = client.post(url, {"q": "zwembad aanleggen"}).content.decode()
    assert 'data-kb-count="0"' in none and "Geen passend artikel" in none


def test_suggestions_take_the_text_in_the_body_never_in_the_url(client, employee, lekkage):
    """What the employee types may be health data: a GET with it in the query string (which
    lands in server and proxy logs) is refused, and the POST is CSRF-protected like any form."""
    client.force_login(employee)
    url = reverse("knowledgebase:suggestions")
    assert client.get(url, {"q": "lekkage, mevrouw heeft diabetes"}).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(employee)
    assert strict.post(url, {"q": "lekkage"}).status_code == 403


def test_suggestions_respect_the_channel(client, employee, reference_codes):
    from referencedata.models import CodeList, ReferenceCode

    phone = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL")
    desk = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="BAL")
    article = ArticleFactory(title="Identiteit controleren aan de balie")
    article.channels.set([desk])
    client.force_login(employee)
    url = reverse("knowledgebase:suggestions")
    assert (
        f'data-kb-id="{article.pk}"'
        in client.post(url, {"q": "identiteit controleren", "channel": desk.pk}).content.decode()
    )
    assert (
        f'data-kb-id="{article.pk}"'
        not in client.get(
            url, {"q": "identiteit controleren", "channel": phone.pk}
        ).content.decode()
    )


def test_feedback_on_the_article_page(client, employee, lekkage):
    client.force_login(employee)
    url = reverse("knowledgebase:article_feedback", args=[lekkage.slug])
    response = client.post(url, {"helpful": "0"}, follow=True)
    assert "De beheerder ziet dat dit artikel niet hielp" in response.content.decode()
    use = ArticleUse.objects.get()
    assert (use.article, use.used_by, use.helpful, use.source) == (
        lekkage,
        employee,
        False,
        "kennisbank",
    )
    assert client.get(url).status_code == 405


def test_status_buttons_follow_the_workflow(client, employee, editor):
    published = ArticleFactory()
    client.force_login(employee)
    response = client.post(
        reverse("knowledgebase:article_status", args=[published.slug]), {"status": "archived"}
    )
    assert response.status_code == 403
    article = ArticleFactory(status="draft", summary="")
    url = reverse("knowledgebase:article_status", args=[article.slug])
    assert client.post(url, {"status": "internal"}).status_code == 404  # drafts are hidden
    verified_login(client, editor)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'data-transition="published"' not in page  # no skipping
    client.post(url, {"status": "internal"})
    article.refresh_from_db()
    assert article.status == "internal"
    page = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'data-transition="published" disabled', page)
    assert "Een antwoordscript is nodig om te publiceren." in page
    response = client.post(url, {"status": "published"}, follow=True)
    assert "Een antwoordscript is nodig om te publiceren." in response.content.decode()
    article.refresh_from_db()
    assert article.status == "internal"


def test_mark_reviewed_button(client, editor):
    import datetime

    article = ArticleFactory(review_by=datetime.date.today() - datetime.timedelta(days=2))
    verified_login(client, editor)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "controledatum verstreken" in page
    client.post(
        reverse("knowledgebase:article_review", args=[article.slug]),
        {"next_review": "2099-01-31"},
    )
    article.refresh_from_db()
    assert article.review_by == datetime.date(2099, 1, 31)


def test_version_history_page_shows_a_readable_diff(client, editor):
    article = ArticleFactory(title="Huur opzeggen", body="De opzegtermijn is twee maanden.")
    article.body = "De opzegtermijn is één maand."
    services.save_article(article, by=editor, note="Termijn aangepast")
    verified_login(client, editor)
    page = client.get(reverse("knowledgebase:article_versions", args=[article.slug]))
    html = page.content.decode()
    assert "Versie 2 vergeleken met versie 1" in html
    assert "Termijn aangepast" in html
    assert "<del>twee maanden.</del>" in html and "<ins>één maand.</ins>" in html
    first = client.get(
        reverse("knowledgebase:article_versions", args=[article.slug]), {"versie": 1}
    ).content.decode()
    assert "Versie 1: de eerste versie" in first


def test_dashboard_shows_flags_uses_and_gaps(client, make_user, editor):
    import datetime

    overdue = ArticleFactory(
        title="Huurtoeslag", review_by=datetime.date.today() - datetime.timedelta(days=30)
    )
    services.record_feedback(overdue, editor, helpful=True)
    services.record_gap("parkeervergunning aanvragen")
    client.force_login(make_user("tl", roles=[roles.TEAM_LEADER]))
    start = client.get(reverse("knowledgebase:search")).content.decode()
    assert f'href="{reverse("knowledgebase:dashboard")}"' in start
    html = client.get(reverse("knowledgebase:dashboard")).content.decode()
    assert f'data-flagged="{overdue.slug}"' in html and "controledatum verstreken" in html
    assert f'data-used="{overdue.slug}"' in html
    assert "parkeervergunning aanvragen" in html
    assert "Hiaten afhandelen" not in html  # team leaders see, the administrator handles


def test_the_panel_tag_for_the_contact_form():
    first = ArticleFactory(title="Lekkage")
    second = ArticleFactory(title="Schimmel")
    request = RequestFactory().post(
        "/klanten/1/contact/",
        {"kb_articles": f"{first.pk},{second.pk},99999", "kb_feedback": f"{first.pk}:1"},
    )
    html = Template(
        '{% load knowledgebase %}{% kb_suggestions_panel sources="#id_summary,#id_subject" '
        'channel="#id_channel" %}'
    ).render(Context({"request": request}))
    assert '<aside class="kb-panel" data-kb-suggestions' in html
    assert 'data-kb-source="#id_summary,#id_subject"' in html
    assert 'data-kb-channel="#id_channel"' in html
    assert f'data-kb-url="{reverse("knowledgebase:suggestions")}"' in html
    assert f'data-kb-initial-articles="{first.pk},{second.pk}"' in html
    assert f'data-kb-initial-feedback="{first.pk}:1"' in html
    assert ">Lekkage</a>" in html and ">Schimmel</a>" in html
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/knowledgebase/suggestions.js" defer>'
    ]


def test_pages_have_no_inline_scripts_or_styles(client, employee, lekkage):
    client.force_login(employee)
    for url in (
        reverse("knowledgebase:search"),
        reverse("knowledgebase:search") + "?q=lekkage",
        lekkage.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html)), url
        assert " style=" not in html and "<style" not in html, url
        assert "https://" not in html and "http://" not in html, url


def test_admin_add_and_change_record_versions_and_index(client, editor, reference_codes):
    category = KnowledgeCategoryFactory()
    verified_login(client, editor)
    add = client.get(reverse("admin:knowledgebase_article_add"))
    assert add.status_code == 200
    response = client.post(
        reverse("admin:knowledgebase_article_add"),
        {
            "title": "Zonnepanelen plaatsen",
            "slug": "zonnepanelen",
            "category": category.pk,
            "summary": "Vraag eerst toestemming.",
            "body": "Uitleg.",
            "keywords": "zonnepaneel, zonne-energie",
            "owner": editor.pk,
            "review_by": "2099-01-01",
            "change_note": "Nieuw artikel",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="zonnepanelen")
    assert article.status == "draft"
    version = ArticleVersion.objects.get(article=article)
    assert (version.number, version.note, version.changed_by) == (1, "Nieuw artikel", editor)
    assert VocabularyWord.objects.filter(word="zonnepanelen").exists() is False  # a draft
    response = client.post(
        reverse("admin:knowledgebase_article_changelist"),
        {"action": "make_internal", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == "internal"
    assert VocabularyWord.objects.filter(word="zonnepanelen").exists()
    assert services.can_publish(editor)
    response = client.post(
        reverse("admin:knowledgebase_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 403  # archive, do not delete


def test_admin_synonym_list(client, editor):
    verified_login(client, editor)
    response = client.post(
        reverse("admin:knowledgebase_synonymgroup_add"),
        {"terms": "Lekkage, daklekkage ~ WATERSCHADE\nlekkage", "note": "", "is_active": "on"},
    )
    assert response.status_code == 302
    group = SynonymGroup.objects.get()
    assert group.terms == "lekkage ~ daklekkage ~ waterschade"
    assert VocabularyWord.objects.filter(word="daklekkage").exists()
    response = client.post(
        reverse("admin:knowledgebase_synonymgroup_add"), {"terms": "alleen", "is_active": "on"}
    )
    assert "Vul minstens twee woorden in" in response.content.decode()
