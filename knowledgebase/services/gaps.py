"""Knowledge gaps: searches without a useful result, scrubbed of personal data and grouped, and
what the functional administrator does with them."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from contacts.selectors import name_words_among
from referencedata.names import common_name_words

from .. import text
from ..models import Article, SearchGap, VocabularyWord

# Gaps hold no personal data, but nobody needs them forever either.
GAP_RETENTION_DAYS = 365
GAP_VARIANTS_KEPT = 5


def record_gap(query: str, *, source: str = SearchGap.Source.NO_RESULTS) -> SearchGap | None:
    """Record a search without a useful result, scrubbed of personal data and grouped.

    Returns None when nothing meaningful is left after scrubbing.
    """
    scrubbed = strip_names(text.strip_personal_data(query))
    key = text.gap_key(scrubbed)
    if not key or len(scrubbed) < 3:
        return None
    now = timezone.now()
    no_result = 1 if source == SearchGap.Source.NO_RESULTS else 0
    for _attempt in range(2):
        try:
            with transaction.atomic():
                gap = SearchGap.objects.select_for_update().filter(key=key).first()
                if gap is None:
                    return SearchGap.objects.create(
                        key=key,
                        example=scrubbed,
                        variants=[scrubbed],
                        count=1,
                        no_result_count=no_result,
                        first_seen=now,
                        last_seen=now,
                    )
                gap.count = F("count") + 1
                gap.no_result_count = F("no_result_count") + no_result
                gap.last_seen = now
                gap.example = scrubbed
                if scrubbed not in gap.variants:
                    gap.variants = [scrubbed, *gap.variants][:GAP_VARIANTS_KEPT]
                if gap.status == SearchGap.Status.RESOLVED:
                    gap.status = SearchGap.Status.OPEN  # asked again after the fix: look again
                gap.save()
                gap.refresh_from_db()
                return gap
        except IntegrityError:  # a parallel request created it first; update that one
            continue
    return None


def strip_names(scrubbed: str) -> str:
    """``scrubbed`` (lower case, see ``text.strip_personal_data``) without the words that are a
    name: a common Dutch given name or surname (``referencedata.names``), or the name of a person
    in the register or an employee. Staff search "lekkage jansen" or "terugbellen fatima"; a gap
    is about the subject, never about who asked (issue 18).

    A name that is also a word of the searchable articles ("post", "groen", "bos", "visser") is
    kept: it says what the search was about, and alone it identifies nobody."""
    words = scrubbed.split()
    candidates = {w for w in words if w in common_name_words()} | name_words_among(set(words))
    if candidates:
        candidates -= set(
            VocabularyWord.objects.filter(word__in=candidates).values_list("word", flat=True)
        )
    return " ".join(w for w in words if w not in candidates)


def resolve_gap(gap: SearchGap, article: Article, *, by=None) -> SearchGap:
    gap.status = SearchGap.Status.RESOLVED
    gap.resolved_article = article
    gap.handled_at = timezone.now()
    gap.handled_by = by
    gap.save()
    return gap


def dismiss_gap(gap: SearchGap, *, by=None) -> SearchGap:
    gap.status = SearchGap.Status.DISMISSED
    gap.handled_at = timezone.now()
    gap.handled_by = by
    gap.save()
    return gap


def reopen_gap(gap: SearchGap, *, by=None) -> SearchGap:
    gap.status = SearchGap.Status.OPEN
    gap.handled_at = timezone.now()
    gap.handled_by = by
    gap.save()
    return gap


def purge_stale_gaps(today=None) -> int:
    cutoff = timezone.now() - datetime.timedelta(days=GAP_RETENTION_DAYS)
    deleted, _detail = SearchGap.objects.filter(last_seen__lt=cutoff).delete()
    return deleted
