"""Knowledge-base articles generated from other apps' data: "Hoe lang bewaren we gegevens?".

The retention article lists every active retention rule in plain Dutch per kind of data (what,
how long, from when, what happens, legal source), so staff find it with the ordinary search
("bewaartermijn", "hoe lang bewaren"). It is written from ``retention.explain`` and saved
through ``services.save_article`` / ``services.change_status``, so versions and the search index
follow like for any article.

Kept current by ``sync_retention_article``: after a retention rule is saved or deleted (signals
connected in ``apps.KnowledgebaseConfig.ready``, run after the commit), by the management command
``sync_retention_article`` and by ``seed_demo``. An unchanged text is not saved again (no empty
versions). A new article becomes internal (staff find it; tenants may be told its content);
a status set by the functional administrator afterwards (published, archived) is kept.

knowledgebase may import retention; retention never imports knowledgebase.
"""

import logging
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from retention import explain
from retention.models import RetentionRule

from . import services
from .models import Article, Category

logger = logging.getLogger(__name__)

RETENTION_SLUG = "hoe-lang-bewaren-we-gegevens"
CATEGORY_SLUG = "privacy"
# What staff and tenants type when they ask this; search words are Dutch content (like the
# keywords of every other article and the synonym list), not interface text.
RETENTION_KEYWORDS = (
    "bewaartermijn, bewaartermijnen, hoe lang bewaren, hoe lang bewaard, bewaren, bewaard, "
    "bewaarplicht, wettelijke bewaarplicht, verwijderen, gegevens verwijderen, anonimiseren, "
    "opslagbeperking, avg, privacy, persoonsgegevens"
)
# Kinds of data the answer script names first: what tenants ask about most.
SUMMARY_TARGETS = ("phone_number", "email_address", "contact_moment", "tenancy", "person")
SUMMARY_MAX = 1500


class SyncResult(NamedTuple):
    article: Article
    outcome: str  # "created", "updated" or "unchanged"


def _category() -> Category:
    category = Category.objects.filter(slug=CATEGORY_SLUG).first()
    if category is None:
        category = Category(name=_("Privacy and personal data"), slug=CATEGORY_SLUG, position=90)
        category.full_clean()
        category.save()
    return category


def _line(text: str) -> str:
    """One line of Markdown: no line breaks from a rule's own text."""
    return " ".join(str(text).split())


def _capfirst(text: str) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _summary(overview) -> str:
    by_key = {group.key: group for group in overview}
    items = []
    for key in SUMMARY_TARGETS:
        group = by_key.get(key)
        if group is None:
            continue
        phrases = [rule.phrase.text for rule in group.rules] or [explain.no_rule_text()]
        items.append(f"{_capfirst(group.label)}: {'; '.join(phrases)}.")
    intro = _(
        "We keep personal data no longer than needed. How long depends on the kind of data and "
        "is set in retention rules; where the law requires keeping data longer (such as the "
        "tenancy agreement), we keep it that long, even on request."
    )
    summary = intro
    for item in items:
        if len(summary) + 1 + len(item) > SUMMARY_MAX:
            break
        summary = f"{summary} {item}"
    return summary


def _item(label: str, value: str) -> str:
    return f"- **{label}:** {_line(value)}"


def _body(overview) -> str:
    notice = _(
        "This article is made from the retention rules and updated when a rule changes. "
        "Change the rules (privacy officer), not this article."
    )
    link = _("All retention rules on one page")
    lines = [f"> {notice}", "", f"[{link}]({reverse('retention:rules')})"]
    for group in overview:
        lines += ["", f"## {_line(_capfirst(group.label))}", ""]
        if not group.rules:
            lines.append(_capfirst(explain.no_rule_text()) + ".")
            continue
        for rule in group.rules:
            what = _capfirst(rule.what)
            if rule.kinds:
                what = _("%(what)s, only: %(kinds)s") % {"what": what, "kinds": rule.kinds}
            if lines[-1]:
                lines.append("")
            lines += [
                f"### {_line(_capfirst(rule.phrase.text))}",
                "",
                _item(_("What"), what),
                _item(_("How long"), rule.how_long),
                _item(_("From when"), rule.from_when),
                _item(_("What happens then"), rule.what_happens),
            ]
            if rule.is_statutory:
                lines.append(f"- **{_line(explain.statutory_explanation())}**")
            lines.append(_item(_("Legal source or reasoning"), rule.legal_source))
            lines.append(_item(_("Rule"), f"{rule.name} ({rule.code})"))
    return "\n".join(lines).strip() + "\n"


def retention_article_content(*, day=None) -> dict:
    """The title, answer script, body and keywords of the retention article, in the site's
    language (the article is stored text, whoever's request triggers it)."""
    day = day or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        overview = explain.retention_overview(day=day)
        return {
            "title": _("How long do we keep data?"),
            "summary": _summary(overview),
            "body": _body(overview),
            "keywords": RETENTION_KEYWORDS,
        }


@transaction.atomic
def sync_retention_article(*, day=None, by=None) -> SyncResult:
    """Create or update the retention article from the active rules; idempotent."""
    content = retention_article_content(day=day)
    article = Article.objects.select_for_update().filter(slug=RETENTION_SLUG).first()
    with translation.override(settings.LANGUAGE_CODE):
        if article is None:
            article = Article(
                slug=RETENTION_SLUG,
                category=_category(),
                review_by=services.default_review_date(),
                **content,
            )
            services.save_article(article, by=by, note=_("Made from the retention rules."))
            services.change_status(article, Article.Status.INTERNAL, by=by)
            article.refresh_from_db()
            return SyncResult(article, "created")
        if all(getattr(article, name) == value for name, value in content.items()):
            return SyncResult(article, "unchanged")
        for name, value in content.items():
            setattr(article, name, value)
        if article.category_id is None:
            article.category = _category()
        services.save_article(article, by=by, note=_("Updated from the retention rules."))
        return SyncResult(article, "updated")


def _sync_after_commit():
    try:
        sync_retention_article()
    except Exception:  # a failing article never undoes or blocks a rule change
        logger.exception("Could not update the retention article")


def on_retention_rule_changed(sender, **kwargs):
    """post_save / post_delete of ``retention.RetentionRule``: refresh the article once the
    change is committed (a rolled-back change leaves it alone)."""
    if kwargs.get("raw"):  # loaddata
        return
    transaction.on_commit(_sync_after_commit)


def connect() -> None:
    post_save.connect(
        on_retention_rule_changed,
        sender=RetentionRule,
        dispatch_uid="knowledgebase.generated.retention_rule_saved",
    )
    post_delete.connect(
        on_retention_rule_changed,
        sender=RetentionRule,
        dispatch_uid="knowledgebase.generated.retention_rule_deleted",
    )


def seed_demo_data() -> list[str]:
    """The demo's step for this article: run by ``seed_demo`` after the retention rules."""
    return [f"  knowledge base: retention article {sync_retention_article().outcome}"]
