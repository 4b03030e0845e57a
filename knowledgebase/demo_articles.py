"""The demo content of the knowledge base, read from ``demo_data/``: categories, articles and
the synonym list.

The content itself is data, not code: ``demo_data/categories.yaml``, ``demo_data/synonyms.yaml``
and one Markdown file per article in ``demo_data/articles/`` (front matter: slug, title,
category slug, status, review date, channels, related slugs, keywords and the answer script
``summary``; the Markdown after the front matter is the body). The files are read in the order
of their names, which is the order the demo creates the articles in.

Written for this product: what Woonservice is asked at the desk, on the phone, by e-mail and
through the portal. The answer scripts speak to the tenant ("u"); internal articles speak to
staff. Amounts and percentages that change every year are described, not quoted, so the demo
does not state outdated figures as fact. Fixed review dates make the demo identical on every
run; a few lie in the past on purpose, so the dashboard has something to flag.
"""

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

from klantcontact.content import load_markdown_dir, load_yaml

DATA_DIR = Path(__file__).resolve().parent / "demo_data"

PUBLISHED = "published"
INTERNAL = "internal"
DRAFT = "draft"
ARCHIVED = "archived"
DEFAULT_REVIEW_BY = datetime.date(2027, 9, 1)


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    category: str
    summary: str
    body: str
    keywords: str
    related: tuple = ()
    channels: tuple = ()  # VERA channel codes; empty: all channels
    status: str = PUBLISHED
    review_by: datetime.date = DEFAULT_REVIEW_BY


@functools.cache
def demo_categories() -> list[tuple[str, str, str | None, int]]:
    """(slug, name, parent slug or None, position), parents before their children."""
    rows = load_yaml(DATA_DIR / "categories.yaml")
    return [(row["slug"], row["name"], row["parent"], row["position"]) for row in rows]


@functools.cache
def demo_articles() -> list[DemoArticle]:
    articles = []
    for document in load_markdown_dir(DATA_DIR / "articles"):
        meta = document.meta
        articles.append(
            DemoArticle(
                slug=meta["slug"],
                title=meta["title"],
                category=meta["category"],
                summary=meta["summary"],
                body=document.body,
                keywords=meta["keywords"],
                related=tuple(meta.get("related", ())),
                channels=tuple(meta.get("channels", ())),
                status=meta.get("status", PUBLISHED),
                review_by=meta.get("review_by", DEFAULT_REVIEW_BY),
            )
        )
    return articles


@functools.cache
def demo_synonyms() -> list[str]:
    """The starting synonym list, one group per string ("lekkage ~ daklekkage ~ ...")."""
    return list(load_yaml(DATA_DIR / "synonyms.yaml"))
