"""Template helpers of the knowledge base.

For the contact registration form (see the README section "Suggestions beside the contact
form")::

    {% load knowledgebase %}
    {% kb_suggestions_panel sources="#id_summary,#id_subject" channel="#id_channel" %}

renders the suggestions panel (an ``<aside>``) with its script; the script keeps the hidden
inputs ``kb_articles`` and ``kb_feedback`` inside the form current.
"""

import re
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from .. import services, text
from ..markdown import render_markdown
from ..models import Article

register = template.Library()

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@register.filter
def markdown(value):
    return render_markdown(value or "")


@register.filter
def kb_highlight(value, analysed):
    """The text, escaped, with the words that matched the search in ``<mark>``."""
    value = value or ""
    if analysed is None:
        return escape(value)
    stems, prefixes = analysed.highlight_terms()
    out, pos = [], 0
    for match in _WORD_RE.finditer(value):
        word = match.group(0)
        folded = text.fold(word)
        hit = False
        if folded not in text.STOPWORDS and folded.isalnum():
            stemmed = text.stem(folded)
            hit = stemmed in stems or any(folded.startswith(p) for p in prefixes)
        if hit:
            out.append(escape(value[pos : match.start()]))
            out.append(f"<mark>{escape(word)}</mark>")
            pos = match.end()
    out.append(escape(value[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


@register.inclusion_tag("knowledgebase/_panel.html", takes_context=True)
def kb_suggestions_panel(context, sources="#id_summary", channel="", form=""):
    """The suggestions panel for a form: watches ``sources`` (CSS selectors, comma-separated),
    optionally filters on the channel in ``channel`` and links used articles in ``form``
    (default: the form of the first source field)."""
    request = context.get("request")
    data = request.POST if request is not None and request.method == "POST" else {}
    linked_ids = services.parse_article_ids(data.get("kb_articles", ""))
    verdicts = services.parse_feedback(data.get("kb_feedback", ""))
    articles = Article.objects.in_bulk(linked_ids)
    linked = [
        {"article": articles[pk], "helpful": verdicts.get(pk)}
        for pk in linked_ids
        if pk in articles
    ]
    return {
        "sources": sources,
        "channel": channel,
        "form_selector": form,
        "suggestions_url": reverse("knowledgebase:suggestions"),
        "gap_url": reverse("knowledgebase:report_gap"),
        "search_url": reverse("knowledgebase:search"),
        "linked": linked,
        "kb_articles": ",".join(str(item["article"].pk) for item in linked),
        "kb_feedback": ",".join(
            f"{item['article'].pk}:{int(item['helpful'])}"
            for item in linked
            if item["helpful"] is not None
        ),
    }


@register.simple_tag
def kb_status_class(status):
    return {
        Article.Status.DRAFT: "kb-status-draft",
        Article.Status.INTERNAL: "kb-status-internal",
        Article.Status.PUBLISHED: "kb-status-published",
        Article.Status.ARCHIVED: "kb-status-archived",
    }.get(status, "")


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
