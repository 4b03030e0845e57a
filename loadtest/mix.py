"""What the load test asks and types, and the form reader; shared by locustfile.py and
service_time.py (no Locust import here: it patches the standard library with gevent)."""

from html.parser import HTMLParser

KB_QUERIES = [
    "lekkage",
    "schimmel badkamer",
    "huur betalen lukt niet",
    "betalingsregeling",
    "sleutel kwijt",
    "servicekosten",
    "geluidsoverlast buren",
    "huur opzeggen",
    "automatische incasso",
    "cv ketel storing",
    "verstopping afvoer",
    "medehuurder",
    "woningruil",
    "zelf aangebrachte voorziening",
    "ongedierte",
]
SUMMARIES = [
    "Vraag over de huurbetaling van deze maand, uitgelegd hoe de incasso loopt.",
    "Melding lekkage onder het aanrecht, monteur wordt ingepland.",
    "Vraag over de jaarafrekening servicekosten, toelichting gegeven.",
    "Huurder vraagt naar de voortgang van de eerdere reparatie.",
    "Informatie gevraagd over het opzeggen van de huur, procedure uitgelegd.",
]
ACTIONS = [
    "Huurder terugbellen over de planning.",
    "Monteur inplannen en afspraak maken met de huurder.",
]


class FormParser(HTMLParser):
    """The fields of the form that contains ``marker`` (a field name), as a browser sends them."""

    def __init__(self, marker: str):
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action", ""), "fields": {}, "options": {}}
            self.forms.append(self.current)
        if self.current is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.current["fields"][name] = a.get("value", "")
        elif tag == "select" and name:
            self.select = name
            self.current["options"][name] = []
            self.current["fields"].setdefault(name, "")
        elif tag == "option" and self.select:
            value = a.get("value", "")
            self.current["options"][self.select].append(value)
            if "selected" in a:
                self.current["fields"][self.select] = value
        elif tag == "textarea" and name:
            self.textarea = name
            self.current["fields"][name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            self.current["fields"][self.textarea] += data

    def form(self) -> dict | None:
        for form in self.forms:
            if self.marker in form["fields"]:
                return form
        return None


def parse_form(html: str, marker: str) -> dict | None:
    parser = FormParser(marker)
    parser.feed(html)
    return parser.form()
