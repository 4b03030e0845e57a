"""A small, safe Markdown subset for article bodies.

Supported: headings (``#``, ``##``, ``###``; rendered one level below the page title),
paragraphs, bullet lists (``-`` or ``*``), numbered lists (``1.``), block quotes (``>``, used
for "let op" notes), ``**bold**``, ``*italic*`` or ``_italic_``, ```code``` and links
``[text](url)`` to ``http(s)://`` addresses or to paths on this site (``/kennisbank/...``).

Everything else is text: it is HTML-escaped, so raw HTML, images, scripts and links with any
other scheme (``javascript:``, ``data:``, ``//host``) never reach the page as markup.
"""

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

MAX_LENGTH = 50_000
MAX_INLINE_DEPTH = 4

_HEADING_RE = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^\s*[-*]\s+(.+)$")
_NUMBERED_RE = re.compile(r"^\s*\d{1,3}[.)]\s+(.+)$")
_QUOTE_RE = re.compile(r"^\s*>\s?(.*)$")

_INLINE_RE = re.compile(
    r"(?P<code>`(?P<code_text>[^`\n]+)`)"
    r"|(?P<link>\[(?P<link_text>[^\]\n]+)\]\((?P<link_url>[^()\s]+)\))"
    r"|(?P<bold>\*\*(?P<bold_text>[^\s*](?:.*?[^\s*])?)\*\*)"
    r"|(?P<italic>\*(?P<italic_text>[^\s*](?:[^*]*?[^\s*])?)\*"
    r"|(?<![\w])_(?P<under_text>[^\s_](?:[^_]*?[^\s_])?)_(?![\w]))"
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Links an article may carry (issue 18): https, mail, telephone, a path on this site that starts
# with exactly one "/", or an anchor on the page. Whitespace, control characters, quotes and
# backslashes are refused anywhere: browsers drop tabs and newlines from a URL and read a
# backslash as a slash, so "/<backslash>evil.example" or "/<tab>/evil.example" would become the
# protocol-relative link "//evil.example". ``http:`` is refused too: an article sends staff off
# the site only over TLS.
_URL_CHARS = r"[^\s<>\"'`\\\x00-\x1f\x7f]"
_SAFE_URL_RES = (
    re.compile(
        rf"^https://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{{1,5}})?(?:[/?#]{_URL_CHARS}*)?$"
    ),
    re.compile(r"^/(?![/\\])[^\s<>\"'`\\:\x00-\x1f\x7f]*$"),
    re.compile(r"^#[A-Za-z0-9_-]+$"),
    re.compile(r"^mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$"),
    re.compile(r"^tel:\+?[0-9][0-9-]{2,19}$"),
)


def safe_url(url: str) -> str | None:
    """The URL if it may be linked to, else None (``_SAFE_URL_RES``). Only leading and trailing
    spaces are forgiven; the scheme is compared case-insensitively."""
    url = (url or "").strip(" ")
    scheme, colon, rest = url.partition(":")
    if colon and scheme.isascii() and scheme.isalpha():
        url = scheme.lower() + ":" + rest
    return url if any(pattern.match(url) for pattern in _SAFE_URL_RES) else None


def _inline(text: str, depth: int = 0) -> str:
    if depth > MAX_INLINE_DEPTH:
        return escape(text)
    out = []
    pos = 0
    for match in _INLINE_RE.finditer(text):
        out.append(escape(text[pos : match.start()]))
        pos = match.end()
        if match.group("code"):
            out.append(f"<code>{escape(match.group('code_text'))}</code>")
        elif match.group("link"):
            label = _inline(match.group("link_text"), depth + 1)
            url = safe_url(match.group("link_url"))
            if url is None:
                out.append(label)
            elif url.startswith("https:"):
                out.append(f'<a href="{escape(url)}" rel="noopener noreferrer">{label}</a>')
            else:
                out.append(f'<a href="{escape(url)}">{label}</a>')
        elif match.group("bold"):
            out.append(f"<strong>{_inline(match.group('bold_text'), depth + 1)}</strong>")
        else:
            inner = match.group("italic_text") or match.group("under_text")
            out.append(f"<em>{_inline(inner, depth + 1)}</em>")
    out.append(escape(text[pos:]))
    return "".join(out)


def _blocks(text: str):
    """Yield (kind, payload) blocks: heading (level, text), para (lines), ul/ol (items), quote."""
    lines = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    buffer: list[str] = []
    kind = None

    def flush():
        nonlocal buffer, kind
        if buffer:
            block = (kind, buffer)
            buffer, kind = [], None
            return block
        kind = None
        return None

    for line in lines:
        if not line.strip():
            block = flush()
            if block:
                yield block
            continue
        heading = _HEADING_RE.match(line)
        if heading:
            block = flush()
            if block:
                yield block
            yield ("heading", (len(heading.group(1)), heading.group(2)))
            continue
        for name, pattern in (("ul", _BULLET_RE), ("ol", _NUMBERED_RE), ("quote", _QUOTE_RE)):
            match = pattern.match(line)
            if match:
                if kind != name:
                    block = flush()
                    if block:
                        yield block
                    kind = name
                buffer.append(match.group(1))
                break
        else:
            if kind in ("ul", "ol") and line.startswith(("  ", "\t")) and buffer:
                buffer[-1] += " " + line.strip()  # continuation of a list item
                continue
            if kind not in (None, "para"):
                block = flush()
                if block:
                    yield block
            kind = "para"
            buffer.append(line.strip())
    block = flush()
    if block:
        yield block


def render_markdown(text: str) -> SafeString:
    """HTML for a Markdown text; safe to put on a page as is."""
    html = []
    for kind, payload in _blocks((text or "")[:MAX_LENGTH]):
        if kind == "heading":
            level, content = payload
            tag = f"h{level + 1}"
            html.append(f"<{tag}>{_inline(content)}</{tag}>")
        elif kind == "para":
            html.append(f"<p>{_inline(' '.join(payload))}</p>")
        elif kind == "quote":
            inner = _inline(" ".join(line for line in payload if line))
            html.append(f"<blockquote><p>{inner}</p></blockquote>")
        else:
            items = "".join(f"<li>{_inline(item)}</li>" for item in payload)
            html.append(f"<{kind}>{items}</{kind}>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text above is escaped


_STRIP_INLINE_RE = re.compile(r"\[([^\]\n]+)\]\([^()\s]+\)|[*_`]+")


def markdown_to_text(text: str) -> str:
    """The plain text of a Markdown body (for the search index and previews)."""
    parts = []
    for kind, payload in _blocks((text or "")[:MAX_LENGTH]):
        if kind == "heading":
            parts.append(payload[1])
        else:
            parts.append(" ".join(payload))
    plain = "\n".join(parts)
    return _STRIP_INLINE_RE.sub(lambda m: m.group(1) or "", plain)
