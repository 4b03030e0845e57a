"""Hooks for the apps above rights that take part in handling a request.

The disclosure log (``disclosures``) sits above this app: it must create the art. 19 notices
when a request rectifies, erases or restricts data, and keep the request open until every
recipient is notified. It registers its functions here in its ``AppConfig.ready()``; rights
calls them without importing that app.
"""

_notice_sources: list = []


def register_notice_source(source) -> None:
    """``source`` has two functions: ``create(request, user)`` (after the change, before an
    erasure removes the links) and ``obstacles(request) -> [str]`` (why the request cannot be
    closed yet)."""
    if source not in _notice_sources:
        _notice_sources.append(source)


def data_changed(request, user) -> None:
    """A rectification, erasure or restriction of this request is about to take effect."""
    for source in _notice_sources:
        source.create(request, user)


def closing_obstacles(request) -> list[str]:
    reasons = []
    for source in _notice_sources:
        reasons.extend(source.obstacles(request))
    return reasons


_report_sections: list = []


def register_report_section(section) -> None:
    """``section(*, date_from, date_to) -> {"title", "columns", "rows"}`` (rows: lists of cell
    values): a part of the officer's management report contributed by an app above rights."""
    if section not in _report_sections:
        _report_sections.append(section)


def report_sections(*, date_from, date_to) -> list[dict]:
    return [section(date_from=date_from, date_to=date_to) for section in _report_sections]
