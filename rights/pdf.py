"""The access copy (art. 15 AVG) as PDF, rendered by WeasyPrint from the stored content dict.

The PDF comes from the same template as the HTML document: ``rights/access_document_pdf.html``
extends ``rights/access_document.html`` with a print stylesheet (A4; the controller, the
request's reference, the production date and the page numbers in the page margins; a contents
list with page numbers) and the fonts shipped in ``rights/fonts/`` (DejaVu Sans, see its
LICENSE there). The PDF is rendered on each download and never stored: the stored content dict
stays the one copy, and it is blanked when the copy expires.

Rendering makes no request at all: ``LocalOnlyFetcher`` hands out only the shipped font files
and ``data:`` URLs and refuses every other URL, so a stray reference in a template or in the
data can never reach outside (no tracking, no server-side request, no hint of who downloads
what and when).
"""

import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_SUFFIXES = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}
# (file, CSS font-weight, CSS font-style) of the shipped faces.
FONT_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
)
TEMPLATE = "rights/access_document_pdf.html"

# WeasyPrint reports every layout step at INFO ("Creating layout - Page 7"): dozens of lines per
# download in the root logger. Its warnings (a refused URL, an unsupported CSS rule) still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class URLRefused(ValueError):
    """The PDF renderer asked for a URL it may not fetch (anything but a shipped font or data:).

    WeasyPrint catches it, logs a warning and renders on without that resource."""


def shipped_font(url: str) -> Path | None:
    """The font file under ``FONT_DIR`` that a ``file:`` URL names, or None.

    Only a file directly in the font directory with a font suffix counts; ``..``, symbolic links
    and other hosts are resolved or refused first."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(unquote(parts.path)).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if path.parent != FONT_DIR or path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
        return None
    return path


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's URL fetcher for the access copy: no network, no file outside the fonts.

    ``fetch`` answers a ``file:`` URL of a shipped font (``FONT_DIR``) and a ``data:`` URL, both
    without urllib's network handlers, and raises ``URLRefused`` for everything else (http,
    https, ftp, other files)."""

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
        if scheme == "data":
            # Decoded in memory: urllib's data: handler alone, no opener, no network.
            response = DataHandler().data_open(Request(url))  # noqa: S310 - data: only
            return URLFetcherResponse(url, response.read(), dict(response.headers.items()))
        if scheme == "file":
            path = shipped_font(url)
            if path is not None:
                content_type = FONT_SUFFIXES[path.suffix.lower()]
                return URLFetcherResponse(
                    path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
                )
        raise URLRefused(f"the PDF renderer fetches no {scheme or 'relative'} URL: {url[:200]}")


def css_string(text) -> str:
    """``text`` as a quoted CSS string: all but letters, digits and a few plain signs escaped,
    so no quote, backslash, newline or ``</style>`` can end the string or the style block."""
    out = []
    for char in str(text):
        if char.isalnum() or char in " .,:;-_/()·":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def css_content(message: str, counters: dict[str, str]) -> str:
    """A CSS ``content`` value for a translated message whose placeholders are page counters:
    "Pagina %(page)s van %(pages)s" -> ``"Pagina " counter(page) " van " counter(pages)``."""
    tokens = []
    for index, part in enumerate(re.split(r"%\((\w+)\)s", message)):
        if index % 2 and part in counters:
            tokens.append(f"counter({counters[part]})")
        elif index % 2:
            tokens.append(css_string(f"%({part})s"))
        elif part:
            tokens.append(css_string(part))
    return " ".join(tokens) or '""'


def _print_context(doc: dict) -> dict:
    """The page margins' texts and the font URLs, ready for the print stylesheet (safe CSS)."""
    controller = (doc.get("controller") or {}).get("name") or ""
    reference = doc.get("reference") or ""
    produced = doc.get("produced_display") or ""
    header = [controller] if controller else []
    if reference:
        header.append(_("request %(reference)s") % {"reference": reference})
    header_left = " · ".join(header)
    return {
        "header_left": mark_safe(css_string(header_left)),  # noqa: S308 - escaped by css_string
        "header_right": mark_safe(css_string(_("Personal and confidential"))),  # noqa: S308
        "footer_left": mark_safe(  # noqa: S308 - escaped by css_string
            css_string(_("Produced on %(produced)s") % {"produced": produced} if produced else "")
        ),
        "page_numbers": mark_safe(  # noqa: S308 - built from css_string and fixed counters
            css_content(_("Page %(page)s of %(pages)s"), {"page": "page", "pages": "pages"})
        ),
        "fonts": [
            {
                "src": mark_safe(css_string((FONT_DIR / name).as_uri())),  # noqa: S308
                "weight": weight,
                "style": style,
            }
            for name, weight, style in FONT_FACES
        ],
    }


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF of ``html``; every resource goes through ``LocalOnlyFetcher``."""
    fetcher = LocalOnlyFetcher()
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(font_config=FontConfiguration(), pdf_tags=True)


def render_access_pdf(doc: dict) -> bytes:
    """The PDF of a produced copy's stored content dict, in the site's language (Dutch)."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(TEMPLATE, {"doc": doc, "print": _print_context(doc)})
    return html_to_pdf(html)
