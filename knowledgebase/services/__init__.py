"""Rules of the knowledge base, one module per aggregate:

- ``articles``: saving articles, their versions, the status workflow and reviews;
- ``index``: the search vector and the search vocabulary kept current;
- ``synonyms``: saving a synonym group;
- ``usage``: articles used in a contact and feedback on them;
- ``gaps``: knowledge gaps (searches without a useful result);
- ``permissions``: who may read, maintain, publish, handle gaps, see the dashboard.

Reads (flags, the dashboard, review reminders, the category tree) are in
``knowledgebase.selectors``; the version diff is ``knowledgebase.diff``; the search is
``knowledgebase.search.search_articles``.

This package re-exports the public names of its modules, so ``from knowledgebase import
services; services.save_article(...)`` keeps working. A test that replaces a function must
patch it in the module that looks it up (``knowledgebase.services.articles.reindex_article``),
not here.
"""

from ..search.index import index_texts
from .articles import (
    REVIEW_INTERVAL_DAYS,
    STATUS_TIMESTAMP,
    TRANSITIONS,
    Status,
    allowed_transitions,
    change_status,
    default_review_date,
    mark_reviewed,
    record_version,
    save_article,
    transition_problems,
    unique_slug,
)
from .gaps import (
    GAP_RETENTION_DAYS,
    GAP_VARIANTS_KEPT,
    dismiss_gap,
    purge_stale_gaps,
    record_gap,
    reopen_gap,
    resolve_gap,
)
from .index import (
    add_vocabulary,
    article_words,
    is_postgresql,
    rebuild_vocabulary,
    recount_vocabulary,
    reindex_all,
    reindex_article,
)
from .permissions import can_maintain, can_manage_gaps, can_publish, can_read, can_see_dashboard
from .synonyms import save_synonym_group
from .usage import (
    MAX_ARTICLES_PER_CONTACT,
    parse_article_ids,
    parse_feedback,
    record_article_uses,
    record_feedback,
)

__all__ = [
    "GAP_RETENTION_DAYS",
    "GAP_VARIANTS_KEPT",
    "MAX_ARTICLES_PER_CONTACT",
    "REVIEW_INTERVAL_DAYS",
    "STATUS_TIMESTAMP",
    "TRANSITIONS",
    "Status",
    "add_vocabulary",
    "allowed_transitions",
    "article_words",
    "can_maintain",
    "can_manage_gaps",
    "can_publish",
    "can_read",
    "can_see_dashboard",
    "change_status",
    "default_review_date",
    "dismiss_gap",
    "index_texts",
    "is_postgresql",
    "mark_reviewed",
    "parse_article_ids",
    "parse_feedback",
    "purge_stale_gaps",
    "rebuild_vocabulary",
    "record_article_uses",
    "record_feedback",
    "record_gap",
    "record_version",
    "recount_vocabulary",
    "reindex_all",
    "reindex_article",
    "reopen_gap",
    "resolve_gap",
    "save_article",
    "save_synonym_group",
    "transition_problems",
    "unique_slug",
]
