"""Knowledge-base pages: search, articles, suggestions beside the contact form, feedback, gaps,
the dashboard and the version history. Thin: rules live in ``services``, reads in ``selectors``
and ``history``, the search in ``search``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from access.policy import content_view
from klantcontact.redirects import redirect_next

from . import history, selectors, services, text
from .forms import (
    FeedbackForm,
    GapActionForm,
    GapFilterForm,
    GapReportForm,
    ReviewForm,
    SearchForm,
    StatusForm,
)
from .markdown import render_markdown
from .models import Article, ArticleVersion, SearchGap
from .search import search_articles

SEARCH_LIMIT = 20
SUGGESTION_LIMIT = 5
SESSION_LAST_GAP = "kb_last_gap"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _record_gap_once(request, query: str, source: str) -> SearchGap | None:
    """Record a gap, but not twice in a row for the same words in one session (reloads)."""
    key = text.gap_key(text.strip_personal_data(query))
    if not key or request.session.get(SESSION_LAST_GAP) == [key, source]:
        return None
    request.session[SESSION_LAST_GAP] = [key, source]
    return services.record_gap(query, source=source)


@require_GET
@content_view
def search(request):
    _require(services.can_read(request.user))
    form = SearchForm(request.GET or None)
    result, browse, gap_recorded = None, None, False
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        category = form.cleaned_data["categorie"]
        if query:
            result = search_articles(
                query, channel=form.cleaned_data["kanaal"], category=category, limit=SEARCH_LIMIT
            )
            if not result:
                recorded = _record_gap_once(request, query, SearchGap.Source.NO_RESULTS)
                gap_recorded = recorded is not None
        elif category is not None:
            browse = (
                Article.objects.searchable()
                .filter(category_id__in=category.descendant_ids())
                .select_related("category__parent")
                .order_by("title")
            )
    context = {
        "form": form,
        "result": result,
        "browse": browse,
        "browse_category": form.cleaned_data.get("categorie") if form.is_valid() else None,
        "gap_recorded": gap_recorded,
        "can_maintain": services.can_maintain(request.user),
        "can_see_dashboard": services.can_see_dashboard(request.user),
    }
    if result is None and browse is None:
        context["tree"] = selectors.category_tree()
        context["most_used"] = selectors.most_used_articles(limit=8)
        context["recent"] = Article.objects.searchable().order_by("-updated_at")[:6]
    return render(request, "knowledgebase/search.html", context)


def _visible_article(request, slug) -> Article:
    _require(services.can_read(request.user))
    article = get_object_or_404(
        Article.objects.select_related("category__parent", "owner"), slug=slug
    )
    if not article.is_searchable and not services.can_maintain(request.user):
        raise Http404
    return article


def transition_label(current: str, target: str) -> str:
    Status = Article.Status
    if target == Status.INTERNAL:
        if current == Status.PUBLISHED:
            return _("Withdraw publication (internal only)")
        return _("Make available to staff (internal)")
    return {
        Status.PUBLISHED: _("Publish"),
        Status.ARCHIVED: _("Archive"),
        Status.DRAFT: _("Back to draft") if current == Status.INTERNAL else _("Reopen as draft"),
    }[target]


@require_GET
@content_view
def article_detail(request, slug):
    article = _visible_article(request, slug)
    maintain = services.can_maintain(request.user)
    context = {
        "article": article,
        "body": render_markdown(article.body),
        "related": article.related.searchable().order_by("title"),
        "channels": article.channels.all(),
        "feedback_form": FeedbackForm(),
        "can_maintain": maintain,
        "can_publish": services.can_publish(request.user),
    }
    if maintain:
        context["flags"] = [
            selectors.flag_labels()[flag] for flag in selectors.article_flags(article)
        ]
        context["transitions"] = [
            (
                status,
                transition_label(article.status, status),
                services.transition_problems(article, status),
            )
            for status in services.allowed_transitions(article)
        ]
        context["review_form"] = ReviewForm()
        helpful, not_helpful = selectors.feedback_counts([article.pk]).get(article.pk, (0, 0))
        context["feedback"] = {"helpful": helpful, "not_helpful": not_helpful}
        context["uses"] = article.uses.count()
    return render(request, "knowledgebase/article.html", context)


@require_POST
@content_view
def article_feedback(request, slug):
    article = _visible_article(request, slug)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        services.record_feedback(article, request.user, form.cleaned_data["helpful"])
        if form.cleaned_data["helpful"]:
            messages.success(request, _("Thank you. Your feedback helps keep the answers right."))
        else:
            messages.success(
                request,
                _(
                    "Thank you. The administrator sees that this article did not help; "
                    "tell them what was missing if you can."
                ),
            )
    return redirect(article)


@require_POST
@content_view
def article_status(request, slug):
    article = _visible_article(request, slug)
    _require(services.can_publish(request.user))
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(article)
    try:
        article = services.change_status(
            article, form.cleaned_data["status"], by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The article is now %(status)s.") % {"status": article.get_status_display()},
        )
    return redirect(article)


@require_POST
@content_view
def article_review(request, slug):
    article = _visible_article(request, slug)
    _require(services.can_maintain(request.user))
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.mark_reviewed(
                article, by=request.user, next_review=form.cleaned_data["next_review"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Marked as reviewed."))
    else:
        messages.error(request, _("Enter a valid date."))
    return redirect(article)


@require_GET
@content_view
def article_versions(request, slug):
    article = _visible_article(request, slug)
    _require(services.can_maintain(request.user))
    versions = list(article.versions.select_related("changed_by").order_by("-number"))
    selected = versions[0] if versions else None
    wanted = request.GET.get("versie")
    if wanted and wanted.isdigit():
        selected = next((v for v in versions if v.number == int(wanted)), selected)
    previous = None
    if selected is not None:
        previous = (
            ArticleVersion.objects.filter(article=article, number__lt=selected.number)
            .order_by("-number")
            .first()
        )
    context = {
        "article": article,
        "versions": versions,
        "selected": selected,
        "previous": previous,
        "diff": history.version_diff(previous, selected) if selected else [],
    }
    return render(request, "knowledgebase/versions.html", context)


@never_cache
@require_POST
@content_view
def suggestions(request):
    """HTML fragment with the best articles for what the employee typed (contact form).

    POST, not GET: the text is what the employee is writing about a tenant, health and all, and
    a query string ends up in server and proxy logs and the browser history (issue 18)."""
    _require(services.can_read(request.user))
    query = (request.POST.get("q") or "")[:400]
    result = None
    if len(query.strip()) >= 3:
        result = search_articles(
            query,
            channel=request.POST.get("channel") or None,
            limit=SUGGESTION_LIMIT,
            as_you_type=True,
        )
    return render(
        request,
        "knowledgebase/_suggestions.html",
        {"result": result, "query": query, "search_url": reverse("knowledgebase:search")},
    )


@require_POST
@content_view
def report_gap(request):
    """'Nothing useful found': record the (scrubbed) search words as a knowledge gap."""
    _require(services.can_read(request.user))
    form = GapReportForm(request.POST)
    recorded = None
    if form.is_valid():
        recorded = _record_gap_once(request, form.cleaned_data["q"], SearchGap.Source.NOT_USEFUL)
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return HttpResponse(status=204)
    if recorded is not None:
        messages.success(
            request,
            _("Thank you. The administrator will see that no article answered this."),
        )
    else:
        messages.info(request, _("This was already passed on to the administrator."))
    return redirect_next(request, reverse("knowledgebase:search"))


@require_GET
@content_view
def dashboard(request):
    _require(services.can_see_dashboard(request.user))
    board = selectors.dashboard()
    return render(
        request,
        "knowledgebase/dashboard.html",
        {
            "board": board,
            "flag_labels": selectors.flag_labels(),
            "can_maintain": services.can_maintain(request.user),
            "can_manage_gaps": services.can_manage_gaps(request.user),
            "window_days": selectors.MOST_USED_WINDOW_DAYS,
            "review_soon_days": selectors.REVIEW_SOON_DAYS,
        },
    )


@require_GET
@content_view
def gaps(request):
    _require(services.can_manage_gaps(request.user))
    filter_form = GapFilterForm(request.GET or None)
    status = SearchGap.Status.OPEN
    if filter_form.is_valid() and filter_form.cleaned_data["status"]:
        status = filter_form.cleaned_data["status"]
    rows = SearchGap.objects.filter(status=status).select_related("resolved_article")
    return render(
        request,
        "knowledgebase/gaps.html",
        {
            "gaps": rows.order_by("-count", "-last_seen")[:200],
            "status": status,
            "statuses": SearchGap.Status.choices,
            "action_form": GapActionForm(),
        },
    )


@require_POST
@content_view
def gap_action(request, pk):
    _require(services.can_manage_gaps(request.user))
    gap = get_object_or_404(SearchGap, pk=pk)
    form = GapActionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect_next(request, reverse("knowledgebase:gaps"))
    action = form.cleaned_data["action"]
    if action == "resolve":
        services.resolve_gap(gap, form.cleaned_data["article"], by=request.user)
        messages.success(request, _("Marked as answered."))
    elif action == "dismiss":
        services.dismiss_gap(gap, by=request.user)
        messages.success(request, _("Dismissed."))
    else:
        services.reopen_gap(gap, by=request.user)
        messages.success(request, _("Reopened."))
    return redirect_next(request, reverse("knowledgebase:gaps"))
