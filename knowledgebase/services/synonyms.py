"""The synonym list: saving a group so it counts for the next search at once."""

from .. import text
from ..models import SynonymGroup
from .index import add_vocabulary


def save_synonym_group(group: SynonymGroup) -> SynonymGroup:
    """Save a synonym group (words normalised); it counts for the next search at once."""
    group.full_clean()
    group.save()
    if group.is_active:
        words = set()
        for term in group.term_list():
            words.update(text.words(term))
        add_vocabulary(words)
    return group
