"""Safe Markdown for article bodies, the Dutch stemmer, and scrubbing personal data."""

import re

import pytest
from django.db import connection

from knowledgebase import text
from knowledgebase.markdown import markdown_to_text, render_markdown, safe_url


def test_markdown_subset_renders_structure():
    html = render_markdown(
        "# Opzeggen\nDe huur **schriftelijk** opzeggen, *minimaal* een _maand_ vooraf.\n\n"
        "- via het portaal\n- per brief\n\n1. opzeggen\n2. voorinspectie\n\n"
        "> Let op: `telefonisch` kan niet.\n\n"
        "Zie [opzeggen](/kennisbank/artikel/huur-opzeggen/) of [de wet](https://wetten.overheid.nl/x)."
    )
    assert "<h2>Opzeggen</h2>" in html
    assert "<strong>schriftelijk</strong>" in html
    assert "<em>minimaal</em>" in html and "<em>maand</em>" in html
    assert "<ul><li>via het portaal</li><li>per brief</li></ul>" in html
    assert "<ol><li>opzeggen</li><li>voorinspectie</li></ol>" in html
    assert "<blockquote><p>Let op: <code>telefonisch</code> kan niet.</p></blockquote>" in html
    assert '<a href="/kennisbank/artikel/huur-opzeggen/">opzeggen</a>' in html
    assert '<a href="https://wetten.overheid.nl/x" rel="noopener noreferrer">de wet</a>' in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        "[klik](JavaScript:alert)",
        "[klik](data:text/html,<b>x</b>)",
        "[klik](//evil.example/x)",
        "[klik](vbscript:msgbox)",
        '[klik](https://ok.nl/"onmouseover="alert(1))',
        "**<b>vet</b>**",
        "<a href='https://x.nl'>x</a>",
    ],
)
def test_markdown_never_passes_html_or_unsafe_links(source):
    html = render_markdown(source)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert re.match(r"(https?://[a-z0-9.-]+[/?#]|/[^/]|#)", href), href
    attributes = re.findall(r"<[a-z0-9]+((?:\s+[a-z-]+=\"[^\"]*\")*)\s*>", html)
    assert all(re.fullmatch(r'(\s+(href|rel)="[^"]*")*', a) for a in attributes), html
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {
        "p",
        "a",
        "strong",
        "em",
        "code",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "blockquote",
    }


def test_safe_url_allows_https_mail_telephone_and_site_paths():
    for url in (
        "https://example.nl/a?b=1#c",
        "https://www.rijksoverheid.nl:443/onderwerpen/huurwoning",
        "/kennisbank/",
        "/kennisbank/?q=lekkage#stappen",
        "#stappen",
        "mailto:woonservice@corporatie.nl",
        "tel:+31201234567",
        "tel:020-1234567",
    ):
        assert safe_url(url) == url, url
    assert safe_url("HTTPS://example.nl/") == "https://example.nl/"


# The usual open-redirect and script bypasses: each must render as plain text.
BYPASSES = (
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "\t//evil.example",
    "http://example.nl/",
    "https:evil.example",
    "https:/evil.example",
    "https:///evil.example",
    "https://example.nl@evil.example/",
    "https://evil.example\\@example.nl/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://x.nl",
    "mailto:a@b.nl?bcc=all@evil.example",
    "mailto:a@b.nl\nbcc:all@evil.example",
    "tel:javascript:alert(1)",
    "artikel:x",
    "/javascript:alert(1)",
    "",
)


@pytest.mark.parametrize("url", BYPASSES)
def test_safe_url_refuses_the_usual_bypasses(url):
    assert safe_url(url) is None
    html = render_markdown(f"[klik]({url})")
    assert "<a " not in html and "klik" in html


def test_an_article_link_off_the_site_opens_without_referrer():
    html = render_markdown(
        "[Huurcommissie](https://www.huurcommissie.nl/) en [de kennisbank](/kennisbank/)"
    )
    assert (
        '<a href="https://www.huurcommissie.nl/" rel="noopener noreferrer">Huurcommissie</a>'
        in html
    )
    assert '<a href="/kennisbank/">de kennisbank</a>' in html


def test_markdown_to_text_keeps_only_the_words():
    assert markdown_to_text("## Kop\n- **vet** en [link](https://x.nl)") == "Kop\nvet en link"


def test_stems_follow_snowball_dutch():
    expected = {
        "betalingen": "betal",
        "betalen": "betal",
        "lekkage": "lekkag",
        "huur": "hur",
        "opzegging": "opzegg",
        "vochtige": "vochtig",
        "mogelijkheden": "mogelijk",
        "schimmelplekken": "schimmelplek",
    }
    assert {word: text.stem(word) for word in expected} == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")
@pytest.mark.django_db
def test_python_stems_equal_postgresql_dutch_stems():
    sample = [
        *("lekkages", "daklekkage", "betalingsregeling", "betaald", "verhuizing", "sleutels"),
        *("kakkerlakken", "medehuurderschap", "afstandsverklaring", "huurverhogingen"),
        *("servicekosten", "ongedierte", "muizen", "ventilatieroosters", "vochtige"),
        *("schimmelplekken", "aanpassingen", "verstopping", "eindinspectie", "bereikbaarheid"),
        *("mogelijkheden", "vriendelijkheid", "opgezegd", "gescheiden", "overleden"),
    ]
    with connection.cursor() as cursor:
        for word in sample:
            cursor.execute("SELECT ts_lexize('dutch_stem', %s)", [word])
            assert cursor.fetchone()[0] == [text.stem(word)], word


def test_folding_and_tokens():
    assert text.fold("Café geïnstalleerd Ëen") == "cafe geinstalleerd een"
    assert text.query_tokens("Mijn ex moet uit het contract!") == [
        "mijn",
        "ex",
        "moet",
        "uit",
        "het",
        "contract",
    ]
    assert text.content_words(text.query_tokens("mijn ex moet uit het contract 12")) == [
        "ex",
        "contract",
    ]
    assert len(text.query_tokens("woord " * 100)) == text.MAX_TOKENS


@pytest.mark.parametrize(
    ("typed", "leaked"),
    [
        ("lekkage bij jansen@example.nl", ["jansen", "@", "example"]),
        ("sleutel kwijt 9711 AB 12", ["9711", "ab 12", "12"]),
        ("postcode 9711AB huisnummer 3-hoog", ["9711", "3"]),
        ("terugbellen 06-12345678 of +31 50 123 4567", ["06", "123", "4567", "31"]),
        ("mevrouw Jansen wil huur opzeggen", ["jansen"]),
        ("dhr. de Vries belt over schimmel", ["vries"]),
        ("meneer van der Berg heeft lekkage", ["berg"]),
        ("IBAN NL91 ABNA 0417 1643 00 wijzigen", ["nl91", "abna", "0417"]),
        ("contract HC-000123 relatie R0001234", ["000123", "0001234"]),
        ("zie www.voorbeeld.nl/jansen", ["voorbeeld", "jansen"]),
    ],
)
def test_strip_personal_data(typed, leaked):
    scrubbed = text.strip_personal_data(typed)
    assert not re.search(r"\d", scrubbed)
    assert "@" not in scrubbed
    for value in leaked:
        assert value not in scrubbed, (typed, scrubbed)


def test_strip_personal_data_keeps_the_question():
    assert text.strip_personal_data("Mevrouw Jansen: LEKKAGE in de badkamer!") == (
        "lekkage in de badkamer"
    )
    assert text.gap_key("Betalingen huur") == text.gap_key("de huur, betaling")


def test_trigram_similarity_like_pg_trgm():
    assert text.trigram_similarity("schimmel", "schimmel") == 1.0
    assert 0.5 < text.trigram_similarity("scimmel", "schimmel") < 0.6
    assert text.trigram_similarity("huur", "sleutel") == 0.0
