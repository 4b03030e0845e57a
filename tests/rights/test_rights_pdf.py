"""The access copy as PDF (rights/pdf.py): rendered by WeasyPrint from the stored content dict, in
Dutch, with the shipped fonts, logged like the other formats, dead once the copy expires, and
never a request to the outside while rendering."""

import io
import re
import socket
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from accounts import roles
from audit.models import AccessLogEntry
from processingregister.models import Controller
from rights import exports, pdf, services
from rights.models import AccessExport
from tests.factories import (
    ContactMomentFactory,
    EmailAddressFactory,
    PersonFactory,
    RegisterControllerFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    data_subject_request,
)

pytestmark = pytest.mark.django_db

# A controller name that would end the CSS string, the style block or the HTML if it were not
# escaped: it has to come out literally in the page header.
TRICKY_CONTROLLER = 'Woonstad "Noord" & Zuid </style><b>'


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a socket connection fails the test and is recorded."""
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"network connection attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture
def fetched(monkeypatch):
    """The URLs WeasyPrint asks the fetcher for, with what became of them."""
    calls = []
    original = pdf.LocalOnlyFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except pdf.URLRefused:
            calls.append((url, "refused"))
            raise
        calls.append((url, "served"))
        return response

    monkeypatch.setattr(pdf.LocalOnlyFetcher, "fetch", spy)
    return calls


@pytest.fixture
def produced(reference_codes, make_user, team_noord):
    contact_catalogue()
    RegisterControllerFactory()
    Controller.objects.update(name=TRICKY_CONTROLLER)  # the copy names the first controller
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    person = PersonFactory(given_name="Eliëtte", surname_prefix="van der", surname="Berg-Ó'Neill")
    TenancyFactory(person=person, unit=UnitFactory(team=team_noord, street="Dorpsstraat"))
    EmailAddressFactory(person=person, address="eliette@example.nl")
    ContactMomentFactory(person=person, summary="Vraag over de huur: € 12,50 te veel betaald.")
    request = data_subject_request(officer, person, verified=True)
    export = services.produce_copy(request, officer)
    return {"officer": officer, "person": person, "request": request, "export": export}


def _url(export, fmt):
    return reverse("rights:download", args=[services.download_token(export, fmt)])


def _text(body: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split()), reader


def _font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_the_pdf_download_is_the_dutch_copy_with_name_sections_and_page_margins(
    produced, client, no_network, fetched
):
    export, request, person = produced["export"], produced["request"], produced["person"]
    client.force_login(produced["officer"])
    response = client.get(_url(export, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="inzage-{request.reference}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    body = response.content
    assert body.startswith(b"%PDF-")
    text, reader = _text(body)
    assert person.full_name in text  # the name as stored: "Eliëtte van der Berg-Ó'Neill"
    for category in export.content["categories"]:
        assert category["title"] in text, category["title"]
    assert "Wat u kunt doen" in text  # a heading of the template itself, in Dutch
    assert "Vraag over de huur: € 12,50 te veel betaald." in text
    # Page margins: controller, reference, production date and "page n of N" on every page.
    pages = len(reader.pages)
    assert pages >= 2
    with translation.override("nl"):
        produced_on = gettext("Produced on %(produced)s") % {
            "produced": export.content["produced_display"]
        }
        header = gettext("request %(reference)s") % {"reference": request.reference}
        for number, page in enumerate(reader.pages, start=1):
            page_text = " ".join((page.extract_text() or "").split())
            page_label = gettext("Page %(page)s of %(pages)s") % {"page": number, "pages": pages}
            assert page_label in page_text, number
            assert produced_on in page_text, number
            # The controller's name is escaped for CSS, so it comes out literally.
            assert f"{TRICKY_CONTROLLER} · {header}" in page_text, number
    # A4 (595 x 842 points), tagged, with the shipped fonts and nothing else fetched.
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    # Fonts of the @font-face rules carry their family name: no system font was used.
    fonts = _font_names(reader)
    assert fonts and all(name.startswith("Klantcontact-DejaVu-Sans") for name in fonts), fonts
    served = [Path(pdf.shipped_font(url)).name for url, what in fetched if what == "served"]
    assert set(served) == {name for name, _weight, _style in pdf.FONT_FACES}
    assert not [url for url, what in fetched if what == "refused"]
    assert no_network == []


def test_the_pdf_download_is_logged_like_the_other_formats(produced, client):
    export, request = produced["export"], produced["request"]
    client.force_login(produced["officer"])
    before = AccessLogEntry.objects.filter(what="export").count()
    assert client.get(_url(export, "pdf")).status_code == 200
    entry = AccessLogEntry.objects.filter(what="export").order_by("-pk").first()
    assert AccessLogEntry.objects.filter(what="export").count() == before + 1
    assert entry.person_id == produced["person"].pk and entry.actor == produced["officer"]
    assert entry.reason == f"Download kopie (pdf) verzoek {request.reference}"
    assert request.events.filter(kind="export_downloaded", note="PDF").count() == 1
    assert AccessExport.objects.get(pk=export.pk).download_count == 1


def test_render_copy_gives_the_pdf_its_type_and_name(produced):
    export = produced["export"]
    body, content_type, filename = exports.render_copy(export, "pdf")
    assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
    assert content_type == "application/pdf"
    assert filename == f"inzage-{produced['request'].reference}.pdf"
    assert services.read_download_token(services.download_token(export, "pdf")) == (export, "pdf")


def test_the_request_page_offers_the_pdf_next_to_html_and_json(produced, client):
    export, request = produced["export"], produced["request"]
    client.force_login(produced["officer"])
    html = client.get(reverse("rights:detail", args=[request.pk])).content.decode()
    links = dict(re.findall(r'<a href="([^"]+)" data-action="download-(\w+)"', html))
    assert set(links.values()) == {"html", "pdf", "json"}
    pdf_link = next(link for link, fmt in links.items() if fmt == "pdf")
    # The link is signed with a timestamp, so compare what it points at, not its characters.
    prefix = reverse("rights:download", args=["x"])[:-2]
    assert pdf_link.startswith(prefix)
    token = pdf_link[len(prefix) :].rstrip("/")
    assert services.read_download_token(token) == (export, "pdf")
    assert client.get(pdf_link)["Content-Type"] == "application/pdf"


def test_an_expired_copys_pdf_link_is_dead_like_the_others(produced, client):
    export, request = produced["export"], produced["request"]
    client.force_login(produced["officer"])
    links = {fmt: _url(export, fmt) for fmt in ("html", "json", "pdf")}
    AccessExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    logged = AccessLogEntry.objects.filter(what="export").count()
    for fmt, link in links.items():
        response = client.get(link)
        assert response.status_code == 410, fmt
        assert "verlopen" in response.content.decode().lower()
        assert response["Content-Type"].startswith("text/html")
    assert services.expire_copies() == 1  # the content is blanked: still dead
    assert client.get(links["pdf"]).status_code == 410
    assert AccessLogEntry.objects.filter(what="export").count() == logged
    assert not request.events.filter(kind="export_downloaded").exists()
    page = client.get(reverse("rights:detail", args=[request.pk])).content.decode()
    assert 'data-action="download-pdf"' not in page


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/font.ttf",
        "https://tracker.example/pixel.png",
        "HTTPS://fonts.example/DejaVuSans.ttf",
        "ftp://example.org/x.css",
        "//example.org/protocol-relative.css",
        "file:///etc/passwd",
        "file://otherhost" + (pdf.FONT_DIR / "DejaVuSans.ttf").as_posix(),
        (pdf.FONT_DIR / ".." / "pdf.py").as_uri(),
        (pdf.FONT_DIR / "LICENSE").as_uri(),
        (pdf.FONT_DIR / "Missing.ttf").as_uri(),
        "DejaVuSans.ttf",
    ],
)
def test_the_url_fetcher_refuses_every_url_but_the_shipped_fonts(url, no_network):
    with pytest.raises(pdf.URLRefused):
        pdf.LocalOnlyFetcher().fetch(url)
    assert no_network == []


def test_the_url_fetcher_serves_the_shipped_fonts_and_data_urls(no_network):
    fetcher = pdf.LocalOnlyFetcher()
    font = pdf.FONT_DIR / "DejaVuSans.ttf"
    response = fetcher.fetch(font.as_uri())
    assert response.read() == font.read_bytes()
    assert response.content_type == "font/ttf"
    assert pdf.shipped_font("file://localhost" + font.as_posix()) == font
    data = fetcher.fetch("data:text/css;base64,cCB7IGNvbG9yOiByZWQgfQ==")
    assert data.read() == b"p { color: red }" and data.content_type == "text/css"
    assert (pdf.FONT_DIR / "LICENSE").is_file()  # the licence travels with the fonts
    assert no_network == []


def test_a_stray_outside_reference_never_leaves_the_machine(no_network, fetched):
    html = """<!DOCTYPE html><html lang="nl"><head>
      <link rel="stylesheet" href="https://cdn.example/style.css">
      <style>@import url("http://cdn.example/more.css");
        @font-face { font-family: X; src: url("https://fonts.example/x.woff2"); }
        p { font-family: X; background: url("https://tracker.example/bg.png"); }</style>
      </head><body><p>Hallo</p><img src="https://tracker.example/pixel.png" alt="">
      <img src="file:///etc/hostname" alt=""></body></html>"""
    body = pdf.html_to_pdf(html)
    assert body.startswith(b"%PDF-")
    assert "Hallo" in _text(body)[0]
    asked = {url for url, _what in fetched}
    assert {
        "https://cdn.example/style.css",
        "http://cdn.example/more.css",
        "https://fonts.example/x.woff2",
        "https://tracker.example/pixel.png",
        "file:///etc/hostname",
    } <= asked
    assert {what for _url, what in fetched} == {"refused"}
    assert no_network == []


def test_css_strings_cannot_break_out_of_the_print_stylesheet():
    assert pdf.css_string('a"b\\c\n</style>') == '"a\\22 b\\5c c\\a \\3c /style\\3e "'
    assert pdf.css_content("Pagina %(page)s van %(pages)s", {"page": "page", "pages": "pages"}) == (
        '"Pagina " counter(page) " van " counter(pages)'
    )
    assert pdf.css_content("%(other)s", {"page": "page"}) == '"\\25 (other)s"'
