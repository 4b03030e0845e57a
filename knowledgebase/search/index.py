"""What of an article the search indexes, per weight: the same texts feed PostgreSQL's stored
vector (``services.index.reindex_article``) and the SQLite path's documents (``ranking``)."""

from ..markdown import markdown_to_text
from ..models import Article

# The text search configuration (a migration creates it: Dutch stemming, accents folded).
CONFIG = "kb_dutch"


def index_texts(article: Article) -> dict[str, str]:
    """The text of each weight: title A, keywords B, answer script and category C, body D."""
    category = " ".join(c.name for c in article.category.lineage()) if article.category_id else ""
    return {
        "A": article.title,
        "B": ", ".join(article.keyword_list()),
        "C": f"{article.summary}\n{category}",
        "D": markdown_to_text(article.body),
    }
