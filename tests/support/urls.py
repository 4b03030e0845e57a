"""The project's URL patterns as a flat list, for tests that walk every page."""

from django.urls import URLPattern, URLResolver


def walk(patterns, prefix="", namespace=""):
    """(route, namespaced name, pattern) of every URL pattern below ``patterns``."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield prefix + str(entry.pattern), name, entry
