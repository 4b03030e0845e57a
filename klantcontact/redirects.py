"""Where a form may send the employee back to (``next``): one rule for every view.

A ``next`` value comes from the browser, so it is checked: it must be a path on this site that
starts with exactly one "/" (no host, no scheme, no "//" or "/<backslash>", which browsers read as
another host), and Django's own host-and-scheme check must accept it. A plain word such as
``?next=0`` used to reach ``redirect()``, which takes a word for a view name and failed with a
500 (issue 18). Anything else gives the view's fallback.
"""

import re

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

_SITE_PATH = re.compile(r"^/(?![/\\])[^\s\\]*$")


def safe_next(request, fallback: str, *, candidate: str | None = None) -> str:
    """The ``next`` of the request (POST, then GET) or ``candidate``, if it is a path on this
    site; else ``fallback``."""
    if candidate is None:
        candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (
        candidate
        and _SITE_PATH.match(candidate)
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return fallback


def redirect_next(request, fallback: str) -> HttpResponseRedirect:
    """A redirect to ``safe_next`` (never to a view name: the target is always a path)."""
    return HttpResponseRedirect(safe_next(request, fallback))
