"""PostgreSQL full-text search: extensions, the accent-folding Dutch configuration, indexes.

Runs only on PostgreSQL; on SQLite the search falls back to simple keyword scoring and none
of this is needed. Written with IF NOT EXISTS so it is safe to run again, and the reverse
leaves the extensions alone (other apps may use pg_trgm too).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # 'dutch' (Snowball stemmer, Dutch stop words) with accents folded before stemming, so
    # 'geïnstalleerd' and 'geinstalleerd', 'café' and 'cafe' give the same lexeme.
    """
    DO $$
    BEGIN
      IF NOT EXISTS (
        SELECT 1 FROM pg_ts_config
        WHERE cfgname = 'kb_dutch' AND cfgnamespace = current_schema()::regnamespace
      ) THEN
        CREATE TEXT SEARCH CONFIGURATION kb_dutch (COPY = pg_catalog.dutch);
        ALTER TEXT SEARCH CONFIGURATION kb_dutch
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
      END IF;
    END
    $$
    """,
    # The weighted article vector (title A > keywords B > answer script C > body D).
    # fastupdate off: the knowledge base is read far more than written, and a GIN pending list
    # (fastupdate on) makes every search scan the not yet merged entries.
    "CREATE INDEX IF NOT EXISTS kb_article_search_idx "
    "ON knowledgebase_article USING gin (search_vector) WITH (fastupdate = off)",
    # Typo correction and completion look words up by trigram similarity and prefix.
    "CREATE INDEX IF NOT EXISTS kb_word_trgm_idx "
    "ON knowledgebase_vocabularyword USING gin (word gin_trgm_ops) WITH (fastupdate = off)",
    # Last resort when full-text search finds nothing: titles by trigram word similarity.
    "CREATE INDEX IF NOT EXISTS kb_article_title_trgm_idx "
    "ON knowledgebase_article USING gin (lower(title) gin_trgm_ops) WITH (fastupdate = off)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS kb_article_title_trgm_idx",
    "DROP INDEX IF EXISTS kb_word_trgm_idx",
    "DROP INDEX IF EXISTS kb_article_search_idx",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS kb_dutch",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("knowledgebase", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
