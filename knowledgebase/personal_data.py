"""Personal-data inventory of the knowledge base (checked by processingregister, see
processingregister/inventory.py).

Articles, categories, synonyms and the search vocabulary hold no personal data. What does:
who wrote or changed an article (employee data), and which article was used for which contact
moment, by whom, with what verdict (part of the contact registration). Knowledge gaps are
scrubbed of digits, e-mail addresses, postcodes and names after a form of address before they
are stored (``knowledgebase.text.strip_personal_data``), so they are not personal data.
"""

from persondata.registry import NOT_PERSONAL

PERSONAL_DATA = {
    "Category": NOT_PERSONAL,
    "Article": {
        "title": NOT_PERSONAL,
        "slug": NOT_PERSONAL,
        "summary": NOT_PERSONAL,
        "body": NOT_PERSONAL,
        "category": NOT_PERSONAL,
        "keywords": NOT_PERSONAL,
        "channels": NOT_PERSONAL,
        "owner": "medewerker",
        "status": NOT_PERSONAL,
        "review_by": NOT_PERSONAL,
        "related": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
        "internal_at": NOT_PERSONAL,
        "published_at": NOT_PERSONAL,
        "archived_at": NOT_PERSONAL,
        "reviewed_at": NOT_PERSONAL,
        "version": NOT_PERSONAL,
        "search_vector": NOT_PERSONAL,
    },
    "ArticleVersion": {
        "article": NOT_PERSONAL,
        "number": NOT_PERSONAL,
        "title": NOT_PERSONAL,
        "summary": NOT_PERSONAL,
        "body": NOT_PERSONAL,
        "keywords": NOT_PERSONAL,
        "category": NOT_PERSONAL,
        "channels": NOT_PERSONAL,
        "related": NOT_PERSONAL,
        # The owner's name as it was, so the history stays readable after an owner leaves.
        "owner": "medewerker",
        "status": NOT_PERSONAL,
        "review_by": NOT_PERSONAL,
        "changed_by": "medewerker",
        "changed_at": "medewerker",
        "note": NOT_PERSONAL,
    },
    # Which answer an employee used for a contact: part of the contact registration.
    "ArticleUse": {
        "article": "klantcontact",
        "contact_moment": "klantcontact",
        "used_by": "medewerker",
        "used_at": "klantcontact",
        "source": NOT_PERSONAL,
        "helpful": "klantcontact",
    },
    "SynonymGroup": NOT_PERSONAL,
    "SearchGap": {
        "key": NOT_PERSONAL,
        "example": NOT_PERSONAL,
        "variants": NOT_PERSONAL,
        "count": NOT_PERSONAL,
        "no_result_count": NOT_PERSONAL,
        "first_seen": NOT_PERSONAL,
        "last_seen": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "resolved_article": NOT_PERSONAL,
        "handled_at": NOT_PERSONAL,
        "handled_by": "medewerker",
    },
    "VocabularyWord": NOT_PERSONAL,
}

# --- The data-subject registry (see persondata.registry) --------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402

from persondata.registry import Holds, Mentions, Source, WithParent  # noqa: E402

SUBJECT_DATA = {
    # Which article helped answer a contact: stays with the anonymised contact (no person).
    "ArticleUse": Holds(
        path="contact_moment__person",
        label=_("knowledge-base articles used to answer your contacts"),
        not_in_copy=_("says which of our articles helped; nothing about you beyond the contact"),
        source=Source.STAFF,
        restricted=False,
        part_of="contact_moment",
        erasure=WithParent(),
    ),
}

# Search texts are scrubbed of names and numbers when stored; should one still name a person,
# erasure removes it.
MENTIONS = {
    "SearchGap": Mentions(fields=("example", "variants"), label=_("knowledge-base search texts")),
}
