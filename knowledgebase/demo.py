"""Demo data of the knowledge base: categories, 50+ Dutch articles, the synonym list, and a
usage history (articles linked to demo contact moments, feedback, a few knowledge gaps).

Idempotent: categories, articles and synonym groups are matched on their slug or words and
restored to the demo values (a version is recorded only when something changed). The usage
history and gaps have no natural key: they are written once, when none exist yet.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from contacts.models import ContactMoment
from referencedata.models import CodeList, ReferenceCode

from . import selectors, services
from .demo_articles import (
    ARCHIVED,
    INTERNAL,
    PUBLISHED,
    demo_articles,
    demo_categories,
    demo_synonyms,
)
from .models import Article, ArticleUse, ArticleVersion, Category, SearchGap, SynonymGroup
from .search import search_articles

SEED = 8080
OWNER_USERNAME = "beheerder"
# Fixed moments in the demo's past, so every run gives the same timestamps.
CREATED = datetime.datetime(2025, 9, 1, 9, 0, tzinfo=datetime.UTC)
MADE_INTERNAL = datetime.datetime(2025, 9, 15, 9, 0, tzinfo=datetime.UTC)
PUBLISHED_AT = datetime.datetime(2025, 10, 1, 9, 0, tzinfo=datetime.UTC)
ARCHIVED_AT = datetime.datetime(2024, 1, 2, 9, 0, tzinfo=datetime.UTC)

# Earlier wording of two articles, so the version history has a real change to show.
EARLIER_VERSIONS = {
    "huur-betalen": {
        "summary": (
            "De huur betaalt u vooraf, uiterlijk op de eerste dag van de maand. U kunt betalen "
            "met automatische incasso, door zelf over te maken of contant aan de balie."
        ),
        "body": (
            "## Betaalmogelijkheden\n"
            "- **Automatische incasso**: wij schrijven de huur rond de eerste van de maand af.\n"
            "- **Zelf overmaken**: maak de huur uiterlijk de eerste van de maand over.\n"
            "- **Contant aan de balie**: tijdens de openingstijden.\n"
        ),
        "note": "Eerste versie.",
    },
    "huurtoeslag": {
        "summary": (
            "Huurtoeslag vraagt de huurder zelf aan bij de Belastingdienst. Wij sturen een "
            "huurprijsverklaring als daarom gevraagd wordt."
        ),
        "body": "De huurder vraagt huurtoeslag aan met DigiD bij de Belastingdienst.",
        "note": "Eerste versie.",
    },
}

# Gaps staff ran into, as they typed them (scrubbed on recording like any other).
DEMO_GAPS = [
    ("parkeervergunning aanvragen", 7),
    ("laadpaal voor elektrische auto bij de woning", 5),
    ("glasvezel aansluiten in de flat", 4),
    ("kopie huurcontract opvragen mevrouw Bakker", 4),
    ("asbest in de schuur", 3),
    ("grofvuil container bij het complex", 3),
    ("wateroverlast in de tuin na regen 12 mm", 2),
    ("huurder wil zwembad in de tuin", 1),
]


def _owner():
    return User.objects.filter(username=OWNER_USERNAME).first()


def seed_categories() -> tuple[dict, int]:
    by_slug, changed = {}, 0
    for slug, name, parent_slug, position in demo_categories():
        parent = by_slug.get(parent_slug) if parent_slug else None
        category, created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "parent": parent, "position": position}
        )
        if not created and (
            category.name,
            category.parent_id,
            category.position,
        ) != (name, parent.pk if parent else None, position):
            category.name, category.parent, category.position = name, parent, position
            category.save()
            changed += 1
        changed += created
        by_slug[slug] = category
    return by_slug, changed


def _status_times(status):
    return {
        "internal_at": MADE_INTERNAL if status != "draft" else None,
        "published_at": PUBLISHED_AT if status in (PUBLISHED, ARCHIVED) else None,
        "archived_at": ARCHIVED_AT if status == ARCHIVED else None,
    }


def seed_articles(categories: dict) -> tuple[int, int]:
    owner = _owner()
    channels = {c.code: c for c in ReferenceCode.objects.filter(code_list=CodeList.CHANNEL)}
    created_count = updated_count = 0
    articles = {}
    specs = demo_articles()
    for spec in specs:
        article = Article.objects.filter(slug=spec.slug).first()
        created = article is None
        if created:
            article = Article(slug=spec.slug)
        values = {
            "title": spec.title,
            "summary": spec.summary.strip(),
            "body": spec.body.strip(),
            "keywords": spec.keywords,
            "category": categories[spec.category],
            "owner": owner,
            "status": spec.status,
            "review_by": spec.review_by,
            **_status_times(spec.status),
        }
        dirty = created or any(getattr(article, k) != v for k, v in values.items())
        for key, value in values.items():
            setattr(article, key, value)
        if created and spec.slug in EARLIER_VERSIONS:
            earlier = EARLIER_VERSIONS[spec.slug]
            article.summary, article.body = earlier["summary"], earlier["body"]
            services.save_article(article, by=owner, note=earlier["note"])
            ArticleVersion.objects.filter(article=article).update(changed_at=CREATED)
            article.summary, article.body = values["summary"], values["body"]
        if dirty:
            services.save_article(article, by=owner, record=False)
        wanted_channels = [channels[c] for c in spec.channels if c in channels]
        if set(article.channels.all()) != set(wanted_channels):
            article.channels.set(wanted_channels)
            dirty = True
        articles[spec.slug] = (article, dirty, created)
    # "Related" is symmetrical: an article is related to those it names and those naming it.
    wanted_related = {spec.slug: set(spec.related) for spec in specs}
    for spec in specs:
        for slug in spec.related:
            wanted_related.setdefault(slug, set()).add(spec.slug)
    for spec in specs:
        article, dirty, created = articles[spec.slug]
        related = [articles[slug][0] for slug in wanted_related[spec.slug] if slug in articles]
        if set(article.related.all()) != set(related):
            article.related.set(related)
            dirty = True
        note = "Demo-inhoud." if created else "Demo-inhoud hersteld."
        if services.record_version(article, by=owner, note=note) is not None:
            created_count += created
            updated_count += not created
        elif dirty and not created:
            updated_count += 1
    return created_count, updated_count


def seed_synonyms() -> int:
    existing = {tuple(sorted(g.term_list())) for g in SynonymGroup.objects.all()}
    created = 0
    for terms in demo_synonyms():
        group = SynonymGroup(terms=terms)
        if tuple(sorted(group.term_list())) in existing:
            continue
        services.save_synonym_group(group)
        created += 1
    return created


def seed_usage() -> int:
    """Link articles to recent demo contact moments the way staff would have: by searching
    with the contact's subject and summary. Written once."""
    if ArticleUse.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 (demo data)
    since = timezone.now() - datetime.timedelta(days=selectors.MOST_USED_WINDOW_DAYS)
    moments = list(
        ContactMoment.objects.filter(occurred_at__gte=since)
        .select_related("subject", "channel", "handled_by")
        .order_by("occurred_at", "pk")
    )
    if not moments:
        return 0
    sample = rng.sample(moments, min(len(moments), 400))
    cache: dict[tuple, list] = {}
    uses = []
    for moment in sample:
        if moment.subject.code in ("overig",):
            continue
        key = (moment.subject.name, moment.summary)
        if key not in cache:
            result = search_articles(f"{moment.subject.name} {moment.summary}", limit=2)
            cache[key] = result.articles
        found = cache[key]
        if not found:
            continue
        answered = moment.outcome == "answered"
        helpful = None
        if rng.random() < 0.6:
            helpful = rng.random() < (0.9 if answered else 0.55)
        uses.append(
            ArticleUse(
                article=found[0],
                contact_moment=moment,
                used_by=moment.handled_by,
                used_at=moment.occurred_at,
                source=ArticleUse.Source.CONTACT,
                helpful=helpful,
            )
        )
    # A much-used article whose answer no longer satisfies: it shows up as poorly rated.
    poor = Article.objects.filter(slug="afrekening-servicekosten").first()
    staff = list(User.objects.filter(is_active=True, is_superuser=False).order_by("pk")[:6])
    if poor is not None and staff:
        for index in range(8):
            uses.append(
                ArticleUse(
                    article=poor,
                    used_by=staff[index % len(staff)],
                    used_at=timezone.now() - datetime.timedelta(days=3 + index * 5),
                    source=ArticleUse.Source.KNOWLEDGE_BASE,
                    helpful=index in (2, 6),
                )
            )
    ArticleUse.objects.bulk_create(uses, batch_size=500)
    return len(uses)


def seed_gaps() -> int:
    if SearchGap.objects.exists():
        return 0
    count = 0
    for query, times in DEMO_GAPS:
        for _ in range(times):
            if services.record_gap(query) is not None:
                count += 1
    return count


@transaction.atomic
def seed_demo_data() -> list[str]:
    categories, categories_changed = seed_categories()
    created, updated = seed_articles(categories)
    synonyms = seed_synonyms()
    services.rebuild_vocabulary()
    uses = seed_usage()
    gaps = seed_gaps()
    by_status = {
        status: Article.objects.filter(status=status).count() for status in Article.Status.values
    }
    return [
        "  knowledge base: {total} articles ({published} published, {internal} internal, "
        "{draft} draft, {archived} archived), {categories} categories, {synonyms} synonym "
        "groups, {uses} article uses, {gaps} open knowledge gaps".format(
            total=sum(by_status.values()),
            published=by_status[PUBLISHED],
            internal=by_status[INTERNAL],
            draft=by_status["draft"],
            archived=by_status[ARCHIVED],
            categories=Category.objects.count(),
            synonyms=SynonymGroup.objects.count(),
            uses=ArticleUse.objects.count(),
            gaps=SearchGap.objects.filter(status=SearchGap.Status.OPEN).count(),
        ),
        f"  knowledge base, this run: {created} articles created, {updated} updated, "
        f"{categories_changed} categories and {synonyms} synonym groups created or updated, "
        f"{uses} uses and {gaps} gap searches recorded",
    ]
