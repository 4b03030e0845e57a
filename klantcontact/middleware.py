"""Project-wide middleware: the security headers every page and API response carries."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy and Cache-Control on every response Django
    makes (static files are served before this middleware, by WhiteNoise, and may be cached).

    - CSP: only this site's own scripts, styles and images; no inline scripts and no third-party
      hosts, so a page can never call out to another party.
    - Permissions-Policy: no camera, microphone, geolocation, payment or other browser features;
      the product needs none.
    - Cache-Control ``no-store, private``: a page or API answer may hold personal data, and a
      shared desk PC or a proxy must not keep it after logout (issue 18). A view that already
      forbids storing (``never_cache``, the signed downloads) keeps its own header; anything
      weaker is replaced, so no view can make personal data cacheable by accident.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if "no-store" not in response.get("Cache-Control", ""):
            if response.has_header("Cache-Control"):
                del response["Cache-Control"]
            patch_cache_control(response, no_store=True, private=True)
        return response
