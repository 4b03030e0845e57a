"""Realistic data at scale for the benchmarks: a corporation of 100,000 homes after five years.

    .venv/bin/python bench/generate.py                 # full size into kc_scale (~10 GB)
    .venv/bin/python bench/generate.py --scale 0.1     # a tenth, for a quick run
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_scale   # for the benchmarks

Drops and recreates the database (``--db``, default ``kc_scale``; its name must contain
"bench" or "scale" unless ``--force``), runs ``manage.py migrate`` into it, then loads, at
``--scale 1``:

- the processing register (its activities, approved ones among them) with the default contact
  subjects, task kinds and signal types bound to it, as ``seed_demo`` does;
- 50 teams (with their guardian member/leader groups, through ``accounts.services``), 8
  employees and a team leader per team, plus one employee per team named ``scale-<team>``
  for the benchmarks;
- 100,000 units (streets, postcodes, house numbers with additions) in the 50 teams;
- 200,000 persons: Dutch and other names with tussenvoegsels and accents, a Zipf-like surname
  distribution with a long tail, dates of birth, phone numbers (mobile, shared household
  landlines) and e-mail addresses; the folded ``search_name`` the model's ``save()`` keeps;
- tenancies: a tenant per unit, co-tenants on the same contract (some left), earlier tenants
  whose tenancy ended; persons without a tenancy (representatives, applicants);
- mandates, signals with their handlers, break-the-glass grants;
- 5,000,000 contact moments over five years through every VERA channel, skewed per person
  (a few callers have thousands), with subjects, defects, outcomes that satisfy the database
  constraints and triggers (a task only for an outcome that asks for one);
- ~1,000,000 tasks (one per contact whose outcome asks for a follow-up) with their events
  (created, taken, reassigned, closed) and the person copied onto each event;
- the involvement grants ``access.policy.record_involvement`` writes (guardian's direct
  table: the handler of each contact, the assignee of each task, a signal's creator);
- 20,000,000 access-log records (card views at the contacts, search-result rows, other reads);
- 5,000 knowledge-base articles (``knowledgebase.benchdata``, as bench/kb_speed.py loads them).

The big tables are written with PostgreSQL ``COPY`` (psycopg 3 ``cursor.copy()``), several
streams at once, with their secondary indexes and foreign keys dropped during the load and
recreated (and so validated) afterwards; then ``VACUUM ANALYZE``. Reproducible: the same
``--seed``, ``--scale`` and ``--until`` give the same rows. Prints the time per step.
"""

import argparse
import bisect
import datetime
import math
import os
import random
import subprocess
import sys
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {  # at --scale 1
    "persons": 200_000,
    "units": 100_000,
    "contacts": 5_000_000,
    "tasks": 1_000_000,
    "access": 20_000_000,
    "signals": 6_000,
    "mandates": 4_000,
}
TEAMS = 50
EMPLOYEES_PER_TEAM = 8
KB_ARTICLES = 5_000
YEARS = 5

# --- Names ------------------------------------------------------------------------------------

# (prefix, surname) of the most common Dutch surnames, most frequent first.
COMMON_SURNAMES = [
    ("de", "Jong"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
    ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"),
    ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"),
    ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Bruin"),
    ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"),
    ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"),
    ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"), ("", "Huisman"),
    ("", "Peeters"), ("de", "Jonge"), ("", "Kuipers"), ("van", "Veen"), ("", "Post"),
    ("", "Kuiper"), ("", "Veenstra"), ("", "Kramer"), ("van den", "Brink"), ("", "Scholten"),
    ("van", "Wijk"), ("", "Postma"), ("", "Martens"), ("", "Vink"), ("de", "Ruiter"),
    ("", "Timmermans"), ("", "Groen"), ("", "Gerritsen"), ("", "Jonker"), ("van", "Loon"),
    ("", "Boer"), ("van der", "Velde"), ("", "Willemsen"), ("", "Smeets"), ("de", "Lange"),
    ("de", "Vos"), ("", "Bosch"), ("van", "Dongen"), ("", "Schipper"), ("de", "Koning"),
    ("van der", "Laan"), ("", "Koning"), ("van der", "Velden"), ("", "Driessen"),
    ("van", "Doorn"), ("", "Hermans"), ("", "Evers"), ("van den", "Bosch"), ("van der", "Meulen"),
    ("", "Hofman"), ("", "Bosman"), ("", "Wolters"), ("", "Sanders"), ("van der", "Horst"),
    ("", "Mol"), ("", "Kuijpers"), ("", "Molenaar"), ("van de", "Pol"), ("de", "Leeuw"),
    ("", "Verbeek"), ("in 't", "Veld"), ("van 't", "Hof"), ("ter", "Horst"), ("ten", "Brink"),
    ("d'", "Ancona"), ("", "Hoëlscher"), ("", "Reijnders"), ("", "Crijns"), ("", "Geçer"),
]  # fmt: skip
OTHER_SURNAMES = [
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan",
    "El Amrani", "Bouzid", "El Idrissi", "Benali", "Ait Taleb", "Boukhari", "Ramdin", "Biharie",
    "Mohan", "Kartosen", "Pinas", "Nguyen", "Tran", "Kowalski", "Nowak", "Wiśniewski",
    "Müller", "Schröder", "García", "Rodríguez", "Fernández", "Silva", "Gonçalves", "Haddad",
    "Mahamud", "Tesfay", "Osei", "Mensah", "Ibrahim", "Ahmadi", "Hosseini", "Dumitrescu",
]  # fmt: skip
TAIL_PREFIXES = ["", "", "", "", "Ver", "Ten", "Oost", "West", "Groot", "Klein", "Nieuw", "Hooge"]
TAIL_ROOTS = [
    "berg", "dijk", "hoek", "veen", "bos", "kamp", "hof", "brink", "horst", "meer", "wal",
    "beek", "broek", "mol", "hout", "laar", "zand", "steen", "velde", "heide", "kerk", "molen",
    "linde", "akker", "weide", "haar", "rade", "wijn", "schoot", "voort",
]  # fmt: skip
TAIL_SUFFIXES = [
    "man", "stra", "sma", "ink", "ing", "er", "s", "huis", "kamp", "hof", "veld", "ema",
    "inga", "werf", "land", "mans", "ers", "en", "ijk", "boom",
]  # fmt: skip
TAIL_PARTICLES = ["", "", "", "", "", "", "van", "van de", "van der", "van den", "de", "ter"]

GIVEN_NAMES = [
    "Jan", "Piet", "Kees", "Henk", "Wim", "Gerrit", "Johan", "Peter", "Hans", "Willem",
    "Anna", "Maria", "Johanna", "Cornelia", "Wilhelmina", "Ria", "Ingrid", "Marieke", "Ilse",
    "Sanne", "Lotte", "Daan", "Emma", "Noah", "Sem", "Julia", "Mila", "Tess", "Lucas", "Finn",
    "Sara", "Eva", "Liam", "Bram", "Joost", "Thijs", "Femke", "Anouk", "Ruben", "Jeroen",
    "Zoë", "Chloë", "Anaïs", "Noël", "René", "André", "Hélène", "Renée", "Céline", "Jérôme",
    "Fatima", "Mohammed", "Ayoub", "Yara", "Ibrahim", "Samira", "Khadija", "Youssef",
    "Mehmet", "Ayşe", "Emre", "Özlem", "Gökhan", "Rajesh", "Sunita", "Anh", "Thuy",
    "Agnieszka", "Paweł", "Dariusz", "Aylin", "Noor", "Amira", "Daniël", "Joëlle", "Inês",
]  # fmt: skip

STREET_ROOTS = [
    "Eiken", "Beuken", "Linden", "Berken", "Essen", "Wilgen", "Populieren", "Kastanje",
    "Tulp", "Roos", "Lelie", "Narcis", "Iris", "Klaver", "Distel", "Heide", "Vlier",
    "Merel", "Lijster", "Zwaluw", "Kievit", "Reiger", "Meeuw", "Mussen", "Vinken",
    "Rembrandt", "Vermeer", "Hals", "Steen", "Mondriaan", "Escher", "Breitner",
    "Oranje", "Nassau", "Wilhelmina", "Juliana", "Beatrix", "Emma", "Julianus",
    "Molen", "Kerk", "School", "Dorps", "Haven", "Sluis", "Dijk", "Polder", "Veld",
    "Zuider", "Noorder", "Ooster", "Wester", "Hooft", "Vondel", "Bilderdijk", "Multatuli",
    "Thorbecke", "Troelstra", "Drees", "Schaepman",
]  # fmt: skip
STREET_SUFFIXES = [
    "straat", "laan", "weg", "plein", "hof", "kade", "singel", "dreef", "pad", "erf",
]  # fmt: skip
TOWNS = [
    "Utrecht", "Amersfoort", "Zeist", "Nieuwegein", "Houten", "IJsselstein", "Vianen",
    "Woerden", "Veenendaal", "Bunnik",
]  # fmt: skip
MAIL_DOMAINS = [
    ("gmail.com", 30), ("hotmail.com", 20), ("outlook.com", 10), ("ziggo.nl", 10),
    ("kpnmail.nl", 8), ("live.nl", 7), ("icloud.com", 5), ("planet.nl", 4), ("home.nl", 3),
    ("xs4all.nl", 3),
]  # fmt: skip
LANDLINE_AREAS = ["30", "33", "34", "343", "318", "348", "20", "10", "70"]

# --- Contacts ---------------------------------------------------------------------------------

CHANNELS = [  # VERA COMMUNICATIEKANAAL code, share, share inbound
    ("TEL", 45, 0.85), ("EMA", 19, 0.9), ("INT", 10, 1.0), ("BAL", 8, 1.0), ("APP", 6, 0.95),
    ("BEZ", 5, 0.3), ("BRI", 3, 0.4), ("SMS", 2, 0.2), ("INS", 2, 0.9),
]  # fmt: skip
SUBJECTS = {  # subject code: (share, summary templates)
    "reparatieverzoek": (30, [
        "Melding {defect_word} in de {room}, monteur ingepland.",
        "Huurder meldt {defect_word} in de {room} sinds {days} dagen.",
        "{defect_word} in de {room}; huurder is {daypart} thuis voor de monteur.",
        "Tweede melding {defect_word} {room}, eerdere reparatie hielp niet.",
    ]),
    "huur-betalen": (10, [
        "Vraag over de automatische incasso van de huur.",
        "Huur van deze maand nog niet afgeschreven, uitgelegd wanneer dat gebeurt.",
        "Huurder wil de incassodatum verzetten naar de {dom}e van de maand.",
        "Vraag over het bedrag op de jaaropgave huur.",
    ]),
    "betalingsregeling": (7, [
        "Huurder vraagt een betalingsregeling voor een achterstand van {amount} euro.",
        "Afspraak betalingsregeling: {months} termijnen van {part} euro.",
        "Betalingsregeling niet nagekomen, huurder teruggebeld.",
    ]),
    "persoonsgegevens": (6, [
        "Nieuw telefoonnummer doorgegeven.",
        "E-mailadres gewijzigd op verzoek van de huurder.",
        "Rekeningnummer voor de incasso gewijzigd.",
    ]),
    "woningverbetering": (3, [
        "Vraag of een {improvement} mag worden geplaatst (ZAV).",
        "Aanvraag zelf aangebrachte voorziening: {improvement}.",
    ]),
    "medehuur": (2, [
        "Vraag over medehuurderschap voor de partner.",
        "Afstandsverklaring medehuurder besproken.",
    ]),
    "overlast": (8, [
        "Melding geluidsoverlast van de buren, {daypart}.",
        "Overlast door honden in het trappenhuis.",
        "Huurder meldt stankoverlast in de galerij.",
        "Vervolgmelding overlast, buurtbemiddeling voorgesteld.",
    ]),
    "huuropzegging": (3, [
        "Huurder zegt de huur op per de {dom}e van volgende maand.",
        "Vraag over de eindinspectie bij opzegging.",
    ]),
    "woningruil": (1, ["Vraag over de voorwaarden voor woningruil."]),
    "huurverhoging": (5, [
        "Vraag over de jaarlijkse huurverhoging van {pct} procent.",
        "Huurder wil bezwaar maken tegen de huurverhoging.",
    ]),
    "servicekosten": (4, [
        "Vraag over de afrekening servicekosten van vorig jaar.",
        "Servicekosten schoonmaak trappenhuis te hoog volgens huurder.",
    ]),
    "sleutels": (4, [
        "Huurder heeft zichzelf buitengesloten, slotenmaker gebeld.",
        "Extra sleutel van de berging aangevraagd.",
    ]),
    "schimmel-vocht": (6, [
        "Schimmel in de {room}, advies over ventileren gegeven.",
        "Vochtplek op het plafond van de {room}.",
    ]),
    "ongedierte": (3, [
        "Muizen in de keuken, ongediertebestrijder ingeschakeld.",
        "Wespennest bij de voordeur.",
    ]),
    "privacy": (1, ["Verzoek om inzage in de eigen gegevens."]),
    "overig": (7, [
        "Algemene vraag over de wijk, doorverwezen naar de website.",
        "Vraag over het parkeren bij het complex.",
        "Vraag over de openingstijden van het kantoor.",
    ]),
}  # fmt: skip
ROOMS = ["keuken", "badkamer", "woonkamer", "slaapkamer", "toilet", "hal", "berging", "zolder"]
DEFECT_WORDS = [
    "lekkage", "verstopte afvoer", "kapotte kraan", "defecte cv-ketel", "klemmende deur",
    "kapot raam", "losse tegels", "storing mechanische ventilatie", "lekkend dak",
]  # fmt: skip
IMPROVEMENTS = ["dakkapel", "airco", "zonnepanelen", "schuur", "nieuwe keuken", "laminaatvloer"]
DAYPARTS = ["'s ochtends", "'s middags", "'s avonds", "'s nachts", "in het weekend"]
NOTES = [
    "Huurder was tevreden met de uitleg.",
    "Teruggebeld op het mobiele nummer.",
    "Afspraak bevestigd per e-mail.",
    "Foto's ontvangen via de app.",
    "Huurder vraagt om terugbellen na 17.00 uur.",
]  # fmt: skip
# Outcome: share among contacts with a person. The task outcomes' share is set from --scale's
# tasks/contacts ratio; the rest is split among answered and forwarded.
TASK_OUTCOMES = {"task": 0.35, "repair_request": 0.35, "callback": 0.2, "internal_note": 0.1}
TASK_KIND = {
    "task": "task",
    "repair_request": "repair_request",
    "callback": "callback",
    "internal_note": "internal_note",
}
ACTIONS = {
    "task": ["Terugkoppeling aan huurder na overleg met de wijkconsulent.", "Brief sturen."],
    "repair_request": ["Monteur inplannen.", "Opdracht aan de aannemer verstrekken."],
    "callback": ["Huurder terugbellen.", "Terugbellen over de status van de melding."],
    "internal_note": ["Ter informatie voor de wijkconsulent.", "Vastleggen voor het dossier."],
}
CLOSING = ["Afgehandeld met de huurder.", "Reparatie uitgevoerd.", "Huurder teruggebeld."]
ACCESS_WHAT = [  # what, share of the reads that are not tied to a contact
    ("card", 50), ("search_result", 30), ("contact_moment", 6), ("task", 8),
    ("caller_lookup", 4), ("signal_content", 1), ("export", 1),
]  # fmt: skip
SIGNAL_TEXT = {
    "ordinary": "Bij huisbezoek in {year} gedrag dat een tweede medewerker nodig maakt.",
    "special": "Huurder heeft ondersteuning nodig bij het regelen van zaken.",
    "criminal": "Melding van de politie ontvangen over de woning in {year}.",
}


def pick_weighted(rng, pairs):
    values = [v for v, _w in pairs]
    weights = [w for _v, w in pairs]
    return rng.choices(values, weights)[0]


class Clock:
    """Day indexes over the generated period, formatted once."""

    def __init__(self, until: datetime.date, years: int):
        self.until = until
        self.start = until - datetime.timedelta(days=round(365.25 * years))
        self.days = (until - self.start).days + 1
        self.dates = [self.start + datetime.timedelta(days=i) for i in range(self.days)]
        self.iso = [d.isoformat() for d in self.dates]

    def at(self, day: int, seconds: int) -> str:
        seconds = max(0, min(86399, seconds))
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{self.iso[day]} {h:02d}:{m:02d}:{s:02d}+00"


def esc(value) -> str:
    if value is None:
        return "\\N"
    return str(value)


class CopyStream:
    """One COPY into a table on its own connection, fed in chunks."""

    def __init__(self, dsn: str, table: str, columns: list[str], chunk: int = 20_000):
        import psycopg

        self.conn = psycopg.connect(dsn)
        self.table = table
        self.cursor = self.conn.cursor()
        self._ctx = self.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN")
        self.copy = self._ctx.__enter__()
        self.buffer: list[str] = []
        self.chunk = chunk
        self.rows = 0
        self.started = time.perf_counter()

    def row(self, *values) -> None:
        self.buffer.append("\t".join(map(esc, values)))
        if len(self.buffer) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.copy.write("\n".join(self.buffer) + "\n")
            self.rows += len(self.buffer)
            self.buffer = []

    def close(self) -> tuple[int, float]:
        self.flush()
        self._ctx.__exit__(None, None, None)
        self.conn.commit()
        self.conn.close()
        return self.rows, time.perf_counter() - self.started


# --- Database ---------------------------------------------------------------------------------


def admin_connect(admin_url: str):
    import psycopg

    return psycopg.connect(f"{admin_url}/postgres", autocommit=True)


def recreate_database(admin_url: str, name: str) -> None:
    with admin_connect(admin_url) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_secondary(conn, tables: list[str]) -> list[str]:
    """Drop unique/foreign-key constraints and plain indexes of ``tables``; return the DDL that
    recreates them (indexes and unique constraints first, then foreign keys)."""
    restore_first, restore_last = [], []
    rows = conn.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
        """,
        [tables],
    ).fetchall()
    for table, name, kind, definition in rows:
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        ddl = f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        (restore_last if kind == "f" else restore_first).append(ddl)
    rows = conn.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [tables],
    ).fetchall()
    for name, definition in rows:
        conn.execute(f"DROP INDEX {name}")
        restore_first.append(definition)
    return restore_first + restore_last


# --- The generator ----------------------------------------------------------------------------


class Generator:
    def __init__(self, args, dsn: str):
        self.args = args
        self.dsn = dsn
        self.rng = random.Random(args.seed)  # noqa: S311 (benchmark data)
        self.clock = Clock(args.until, YEARS)
        scale = args.scale
        self.n = {key: max(1, round(value * scale)) for key, value in SIZES.items()}
        self.timings: list[tuple[str, int, float]] = []

    def step(self, label: str, rows: int, seconds: float) -> None:
        self.timings.append((label, rows, seconds))
        rate = f"{rows / seconds:,.0f} rows/s" if seconds > 0 and rows else ""
        print(f"  {label:38} {rows:>12,} rows  {seconds:8.1f} s  {rate}", flush=True)

    # -- ORM part: the processing register, teams, employees (few rows, through the services) --

    def processing_register(self):
        """The corporation's processing register (the demo register: its activities, approved
        ones among them, agreements, breaches) and the purpose binding of the default
        subjects, task kinds and signal types to it: without an approved activity behind a
        subject, the contact form offers no subject (purpose binding), as in production."""
        from contacts.catalogue import bind_defaults
        from contacts.models import ContactSubject, SignalType, TaskKind
        from processingregister import demo
        from processingregister.models import ProcessingActivity

        started = time.perf_counter()
        demo.seed_demo_data()
        bound = bind_defaults(ProcessingActivity, ContactSubject, TaskKind, SignalType)
        self.step(
            "processing register, purpose binding (ORM)",
            ProcessingActivity.objects.count() + bound,
            time.perf_counter() - started,
        )

    def teams_and_employees(self):
        from django.contrib.auth.hashers import make_password

        from accounts import roles
        from accounts.models import User
        from accounts.services import add_team_member, assign_role, create_team

        started = time.perf_counter()
        password = make_password("klantcontact-scale")
        self.teams = []
        self.employees = {}  # team id -> [user ids]
        self.all_employees = []
        for t in range(TEAMS):
            team = create_team(
                name=f"Wijk {t + 1:02d} {TOWNS[t % len(TOWNS)]}", code=f"wijk-{t + 1:02d}"
            )
            self.teams.append(team.pk)
            members = []
            for i in range(EMPLOYEES_PER_TEAM + 2):
                if i == 0:
                    username = f"scale-{t + 1:02d}"
                elif i == 1:
                    username = f"teamleider-{t + 1:02d}"
                else:
                    username = f"medewerker-{t + 1:02d}-{i - 1}"
                user = User.objects.create(username=username, password=password)
                assign_role(user, roles.EMPLOYEE)
                if i == 1:
                    assign_role(user, roles.TEAM_LEADER)
                add_team_member(team, user, leader=i == 1)
                if i != 1:
                    members.append(user.pk)
            self.employees[team.pk] = members
            self.all_employees.extend(members)
        self.step(
            "teams, groups, employees (ORM)",
            TEAMS * (EMPLOYEES_PER_TEAM + 2),
            time.perf_counter() - started,
        )

    def reference(self, conn):
        def codes(code_list):
            return dict(
                conn.execute(
                    "SELECT code, id FROM referencedata_referencecode WHERE code_list = %s",
                    [code_list],
                ).fetchall()
            )

        self.channel_ids = codes("COMMUNICATIEKANAAL")
        self.role_ids = codes("RELATIEROLSOORT")
        self.defect_ids = list(codes("DEFECTSOORT").values())
        self.subject_ids = dict(conn.execute("SELECT code, id FROM contacts_contactsubject"))
        self.subject_defect = dict(
            conn.execute("SELECT code, asks_for_defect FROM contacts_contactsubject")
        )
        self.task_kind_ids = dict(conn.execute("SELECT code, id FROM contacts_taskkind"))
        self.signal_types = conn.execute(
            "SELECT id, sensitivity FROM contacts_signaltype ORDER BY id"
        ).fetchall()
        self.view_person = conn.execute(
            "SELECT p.id FROM auth_permission p JOIN django_content_type ct "
            "ON ct.id = p.content_type_id "
            "WHERE ct.app_label = 'contacts' AND p.codename = 'view_person'"
        ).fetchone()[0]

    # -- Names --

    def surname(self):
        rng = self.rng
        r = rng.random()
        if r < 0.38:
            # Zipf over the common names
            index = min(len(COMMON_SURNAMES) - 1, int(rng.paretovariate(0.9)) - 1)
            return COMMON_SURNAMES[index]
        if r < 0.52:
            return "", rng.choice(OTHER_SURNAMES)
        name = (
            rng.choice(TAIL_PREFIXES) + rng.choice(TAIL_ROOTS) + rng.choice(TAIL_SUFFIXES)
        ).capitalize()
        return rng.choice(TAIL_PARTICLES), name

    def person_row(self, pid: int):
        from contacts.normalise import person_search_name

        rng = self.rng
        prefix, surname = self.surname()
        given = rng.choice(GIVEN_NAMES)
        if rng.random() < 0.25:
            second = rng.choice(GIVEN_NAMES)
            initials = f"{given[0]}.{second[0]}."
        else:
            initials = f"{given[0]}."
        if rng.random() < 0.2:
            given = ""  # registers often hold initials only
        born = None
        if rng.random() < 0.7:
            born = self.clock.until - datetime.timedelta(days=rng.randint(18 * 365, 95 * 365))
        search_name = person_search_name(
            surname=surname, surname_prefix=prefix, given_name=given, initials=initials
        )
        return (prefix, surname, given, initials, born, search_name)

    # -- Units, persons, tenancies, contact details --

    def units_persons_tenancies(self):
        rng = self.rng
        clock = self.clock
        n_units = self.n["units"]
        n_persons = self.n["persons"]
        now = f"{clock.iso[-1]} 12:00:00+00"
        per_team = math.ceil(n_units / TEAMS)
        street_len = max(80, math.ceil(per_team / 99))
        units = CopyStream(
            self.dsn,
            "contacts_unit",
            [
                "id", "created_at", "updated_at", "unit_number", "street", "house_number",
                "house_number_addition", "postcode", "town", "team_id",
            ],
        )  # fmt: skip
        self.unit_team = []  # index = unit id - 1
        uid = 0
        for t, team_id in enumerate(self.teams):
            town = TOWNS[t % len(TOWNS)]
            for k in range(min(per_team, n_units - uid)):
                street_no, number0 = divmod(k, street_len)
                street = (
                    STREET_ROOTS[(t * 7 + street_no) % len(STREET_ROOTS)]
                    + STREET_SUFFIXES[(t + street_no * 3) % len(STREET_SUFFIXES)]
                )
                block = number0 // 20
                postcode = (
                    f"{1000 + t * 100 + street_no:04d}{chr(65 + block // 26)}{chr(65 + block % 26)}"
                )
                addition = ""
                if rng.random() < 0.12:
                    addition = rng.choice(["A", "B", "C", "1", "2", "bis"])
                uid += 1
                units.row(
                    uid, now, now, f"VHE{uid:07d}", street, number0 + 1, addition, postcode,
                    town, team_id,
                )  # fmt: skip
                self.unit_team.append(team_id)
        self.step("contacts_unit (COPY)", *units.close())
        self.n_units = uid

        # Persons are created as the tenancies need them; the rest have no tenancy.
        persons = CopyStream(
            self.dsn,
            "contacts_person",
            [
                "id", "created_at", "updated_at", "relation_number", "initials", "given_name",
                "surname_prefix", "surname", "date_of_birth", "search_name",
            ],
        )  # fmt: skip
        tenancies = CopyStream(
            self.dsn,
            "contacts_tenancy",
            [
                "id", "created_at", "updated_at", "contract_number", "start_date", "end_date",
                "person_id", "role_id", "unit_id",
            ],
        )  # fmt: skip
        phones = CopyStream(
            self.dsn,
            "contacts_phonenumber",
            ["id", "created_at", "updated_at", "is_preferred", "number", "kind", "person_id"],
        )
        emails = CopyStream(
            self.dsn,
            "contacts_emailaddress",
            ["id", "created_at", "updated_at", "is_preferred", "address", "kind", "person_id"],
        )
        huu, mdh = self.role_ids["HUU"], self.role_ids["MDH"]
        first_day = clock.dates[0]
        # per person: (team id, unit id, first contact day, last contact day)
        self.person_team, self.person_unit = [None], [None]
        self.person_window = [(0, 0)]
        self.person_kind = [None]
        counters = {"person": 0, "tenancy": 0, "contract": 0, "phone": 0, "email": 0}
        self.phone_numbers = []  # (number, person) for the lookup benchmark's own use

        def day_index(day: datetime.date) -> int:
            return max(0, min(clock.days - 1, (day - first_day).days))

        def new_person(team, unit, window, kind, household_phone=None):
            counters["person"] += 1
            pid = counters["person"]
            prefix, surname, given, initials, born, search_name = self.person_row(pid)
            persons.row(
                pid, now, now, f"R{pid:07d}", initials, given, prefix, surname, born, search_name
            )
            self.person_team.append(team)
            self.person_unit.append(unit)
            self.person_window.append(window)
            self.person_kind.append(kind)
            numbers = []
            if rng.random() < 0.85:
                numbers.append(("mobile", f"+316{rng.randint(10_000_000, 99_999_999)}"))
            if household_phone and rng.random() < 0.6:
                numbers.append(("home", household_phone))
            elif rng.random() < 0.2:
                area = rng.choice(LANDLINE_AREAS)
                digits = 9 - len(area)
                numbers.append(
                    ("home", f"+31{area}{rng.randint(10 ** (digits - 1), 10**digits - 1)}")
                )
            seen = set()
            for i, (kind_, number) in enumerate(numbers):
                if number in seen:
                    continue
                seen.add(number)
                counters["phone"] += 1
                phones.row(counters["phone"], now, now, "t" if i == 0 else "f", number, kind_, pid)
            if rng.random() < 0.6:
                from contacts.normalise import fold

                first = fold(given or initials).replace(" ", "")[:12] or "info"
                last = fold(f"{prefix}{surname}").replace(" ", "")
                local = rng.choice(
                    [f"{first}.{last}", f"{first[0]}{last}", f"{last}{rng.randint(1, 99)}"]
                )
                if rng.random() < 0.4:
                    local += str(rng.randint(50, 2005))
                counters["email"] += 1
                emails.row(
                    counters["email"], now, now, "t",
                    f"{local}@{pick_weighted(rng, MAIL_DOMAINS)}", "private", pid,
                )  # fmt: skip
            return pid, (numbers[-1][1] if numbers and numbers[-1][0] == "home" else None)

        def tenancy(contract, start, end, pid, role, unit):
            counters["tenancy"] += 1
            tenancies.row(
                counters["tenancy"], now, now, contract, start.isoformat(),
                end.isoformat() if end else None, pid, role, unit,
            )  # fmt: skip

        # Expected persons per unit: 1 + 0.3 co-tenant + p_prev earlier tenants; the rest of
        # the persons (about an eighth) have no tenancy.
        budget = n_persons * 0.87 / max(1, self.n_units)
        p_prev = max(0.0, min(0.9, budget - 1.3))
        for unit in range(1, self.n_units + 1):
            if counters["person"] >= n_persons:
                break
            team = self.unit_team[unit - 1]
            start = clock.until - datetime.timedelta(days=int(rng.expovariate(1 / 3000)) + 30)
            if rng.random() < p_prev:
                prev_end = start - datetime.timedelta(days=1)
                prev_start = prev_end - datetime.timedelta(days=rng.randint(365, 9000))
                counters["contract"] += 1
                pid, _ = new_person(
                    team, unit, (day_index(prev_start), day_index(prev_end)), "former"
                )
                tenancy(f"HC-{counters['contract']:06d}", prev_start, prev_end, pid, huu, unit)
                if prev_end < first_day:  # no contacts in the period
                    self.person_window[pid] = (1, 0)
            counters["contract"] += 1
            contract = f"HC-{counters['contract']:06d}"
            pid, landline = new_person(team, unit, (day_index(start), clock.days - 1), "tenant")
            tenancy(contract, start, None, pid, huu, unit)
            if rng.random() < 0.3 and counters["person"] < n_persons:
                co_start = start + datetime.timedelta(days=rng.choice([0, 0, rng.randint(1, 2000)]))
                co_start = min(co_start, clock.until)
                co_end = None
                if rng.random() < 0.15 and co_start < clock.until - datetime.timedelta(days=2):
                    co_end = co_start + datetime.timedelta(
                        days=rng.randint(1, (clock.until - co_start).days)
                    )
                cid, _ = new_person(
                    team,
                    unit,
                    (day_index(co_start), day_index(co_end) if co_end else clock.days - 1),
                    "co-tenant",
                    household_phone=landline,
                )
                tenancy(contract, co_start, co_end, cid, mdh, unit)
        while counters["person"] < n_persons:
            team = rng.choice(self.teams)
            new_person(team, None, (0, clock.days - 1), "other")
        self.n_persons = counters["person"]
        for stream in (persons, tenancies, phones, emails):
            self.step(f"{stream.table} (COPY)", *stream.close())

    # -- Mandates, signals --

    def mandates(self):
        rng = self.rng
        clock = self.clock
        now = f"{clock.iso[-1]} 12:00:00+00"
        others = [p for p in range(1, self.n_persons + 1) if self.person_kind[p] == "other"]
        tenants = [p for p in range(1, self.n_persons + 1) if self.person_kind[p] == "tenant"]
        stream = CopyStream(
            self.dsn,
            "contacts_mandate",
            [
                "id", "created_at", "updated_at", "scope", "valid_from", "valid_to",
                "verified_how", "verified_at", "representative_id", "represented_id", "role_id",
                "verified_by_id",
            ],
        )  # fmt: skip
        self.mandate_of = {}  # represented person -> (mandate id, from day, to day)
        roles_ = [("BWI", 5), ("CUR", 1), ("CPE", 3)]
        for mid, represented in enumerate(
            rng.sample(tenants, min(len(tenants), self.n["mandates"])), start=1
        ):
            representative = rng.choice(others or tenants)
            if representative == represented:
                continue
            role = pick_weighted(rng, roles_)
            from_day = rng.randint(0, clock.days - 30)
            to_day = None
            if rng.random() < 0.25:
                to_day = rng.randint(from_day, clock.days - 1)
            stream.row(
                mid, now, now, "finances" if role == "BWI" else "all", clock.iso[from_day],
                clock.iso[to_day] if to_day is not None else None,
                "public_register" if role in ("BWI", "CUR") else "written_mandate",
                clock.iso[from_day], representative, represented, self.role_ids[role],
                rng.choice(self.employees[self.person_team[represented]]),
            )  # fmt: skip
            self.mandate_of[represented] = (
                mid,
                from_day,
                to_day if to_day is not None else clock.days,
            )
        self.step("contacts_mandate (COPY)", *stream.close())

    def signals(self, involvement: set):
        rng = self.rng
        clock = self.clock
        stream = CopyStream(
            self.dsn,
            "contacts_signal",
            [
                "id", "description", "legal_basis", "review_on", "created_at", "ended_on",
                "created_by_id", "person_id", "signal_type_id",
            ],
        )  # fmt: skip
        handlers = CopyStream(self.dsn, "contacts_signal_handlers", ["id", "signal_id", "user_id"])
        hid = 0
        candidates = [p for p in range(1, self.n_persons + 1) if self.person_unit[p] is not None]
        for sid, person in enumerate(
            rng.sample(candidates, min(len(candidates), self.n["signals"])), start=1
        ):
            type_id, sensitivity = rng.choice(self.signal_types)
            team = self.person_team[person]
            creator = rng.choice(self.employees[team])
            day = rng.randint(0, clock.days - 1)
            ended = None
            if rng.random() < 0.4 and day < clock.days - 10:
                ended = clock.iso[rng.randint(day + 1, clock.days - 1)]
            review = clock.dates[day] + datetime.timedelta(days=365)
            stream.row(
                sid, SIGNAL_TEXT[sensitivity].format(year=clock.dates[day].year),
                "" if sensitivity == "ordinary" else "art. 9/10 AVG: noodzakelijk voor veiligheid",
                review.isoformat(), clock.at(day, rng.randint(25200, 57600)), ended, creator,
                person, type_id,
            )  # fmt: skip
            for user in {creator, rng.choice(self.employees[team])}:
                hid += 1
                handlers.row(hid, sid, user)
                involvement.add((user, person))
        self.step("contacts_signal (COPY)", *stream.close())
        self.step("contacts_signal_handlers (COPY)", *handlers.close())

    # -- Contacts, tasks, events, access log --

    def contacts_and_reads(self, involvement: set):
        rng = self.rng
        clock = self.clock
        n_contacts = self.n["contacts"]
        n_access = self.n["access"]
        # Per-person contact weight: log-normal, plus a few very frequent callers.
        weights = [0.0]
        for p in range(1, self.n_persons + 1):
            kind = self.person_kind[p]
            w = rng.lognormvariate(0, 1.0) * (0.15 if kind == "other" else 1.0)
            if rng.random() < 0.0005:
                w *= 60  # the tenant who calls every other day
            weights.append(w)
        cumulative = []
        total = 0.0
        for w in weights:
            total += w
            cumulative.append(total)

        def draw_person(day):
            for _ in range(6):
                p = bisect.bisect_left(cumulative, rng.random() * total)
                p = min(max(p, 1), self.n_persons)
                low, high = self.person_window[p]
                if low <= day <= high:
                    return p
            return None

        # Contacts per day: weekdays, growing 5% a year, quiet in summer and at Christmas.
        day_weights = []
        for date in clock.dates:
            w = [1.25, 1.1, 1.0, 1.0, 0.85, 0.06, 0.03][date.weekday()]
            w *= 1.05 ** ((date - clock.start).days / 365.25)
            if date.month in (7, 8):
                w *= 0.8
            if (date.month, date.day) in ((12, 25), (12, 26), (1, 1)):
                w *= 0.05
            day_weights.append(w)
        scale = n_contacts / sum(day_weights)
        per_day = [int(w * scale) for w in day_weights]
        for i in rng.sample(range(clock.days), n_contacts - sum(per_day)):
            per_day[i] += 1
        tied_reads = 1.6  # reads per contact that belong to it (card view, search result)
        free_reads = max(0, n_access - int(n_contacts * 0.97 * tied_reads))
        read_scale = free_reads / sum(day_weights)

        channels = [(self.channel_ids[c], share, inbound) for c, share, inbound in CHANNELS]
        channel_choice = list(channels)
        channel_weights = list(accumulate(share for _c, share, _i in channels))
        subjects = [(code, share) for code, (share, _t) in SUBJECTS.items()]
        subject_codes = [c for c, _s in subjects]
        subject_weights = list(accumulate(s for _c, s in subjects))
        task_share = min(0.9, self.n["tasks"] / max(1, n_contacts * 0.97))
        task_outcomes = list(TASK_OUTCOMES.items())
        what_values = [w for w, _s in ACCESS_WHAT]
        what_weights = list(accumulate(s for _w, s in ACCESS_WHAT))
        task_outcome_values = [o for o, _w in task_outcomes]
        task_outcome_weights = list(accumulate(w for _o, w in task_outcomes))
        employees_of = self.employees
        all_employees = self.all_employees
        team_of_employee = {u: t for t, users in employees_of.items() for u in users}

        contacts = CopyStream(
            self.dsn,
            "contacts_contactmoment",
            [
                "id", "direction", "occurred_at", "caller_kind", "summary", "notes", "outcome",
                "created_at", "channel_id", "defect_id", "forwarded_to_id", "handled_by_id",
                "person_id", "team_id", "unit_id", "subject_id", "mandate_id",
            ],
        )  # fmt: skip
        tasks = CopyStream(
            self.dsn,
            "contacts_task",
            [
                "id", "requested_action", "due_date", "status", "closing_note", "closed_at",
                "created_at", "assigned_team_id", "assigned_to_id", "closed_by_id",
                "contact_moment_id", "created_by_id", "kind_id", "person_id",
            ],
        )  # fmt: skip
        events = CopyStream(
            self.dsn, "contacts_taskevent", ["id", "kind", "at", "note", "by_id", "person_id",
                                              "task_id"]
        )  # fmt: skip
        reads = CopyStream(
            self.dsn,
            "audit_accesslogentry",
            ["id", "person_id", "what", "object_id", '"grant"', "reason", "at", "remote_addr",
             "actor_id"],
        )  # fmt: skip
        glass = CopyStream(
            self.dsn,
            "access_breakglassgrant",
            ["id", "employee_id", "person_id", "reason", "explanation", "granted_at",
             "expires_at"],
        )  # fmt: skip
        cid = tid = eid = aid = gid = 0
        last_day = clock.days - 1
        fill = {
            "room": ROOMS, "defect_word": DEFECT_WORDS, "improvement": IMPROVEMENTS,
            "daypart": DAYPARTS,
        }  # fmt: skip
        started = time.perf_counter()
        for day in range(clock.days):
            todays = []
            for _ in range(per_day[day]):
                channel, _share, inbound = rng.choices(channel_choice, cum_weights=channel_weights)[
                    0
                ]
                digital = channel in (self.channel_ids["EMA"], self.channel_ids["INT"],
                                      self.channel_ids["APP"])  # fmt: skip
                if digital and rng.random() < 0.3:
                    seconds = rng.randint(0, 86399)
                else:
                    seconds = int(rng.triangular(6 * 3600, 16 * 3600 + 1800, 8 * 3600))
                todays.append((seconds, channel, inbound))
            todays.sort(key=lambda item: item[0])
            for seconds, channel, inbound in todays:
                cid += 1
                person = None if rng.random() < 0.02 else draw_person(day)
                if person is not None:
                    team = self.person_team[person]
                    unit = self.person_unit[person]
                else:
                    team = rng.choice(self.teams)
                    unit = None
                if rng.random() < 0.08:
                    handler = rng.choice(all_employees)  # another team takes the call
                    team = team_of_employee[handler]
                else:
                    handler = rng.choice(employees_of[team])
                caller, mandate = "self", None
                if person is None:
                    caller = "other"
                else:
                    held = self.mandate_of.get(person)
                    if held and held[1] <= day <= held[2] and rng.random() < 0.3:
                        caller, mandate = "representative", held[0]
                    elif rng.random() < 0.04:
                        caller = "other"
                subject = rng.choices(subject_codes, cum_weights=subject_weights)[0]
                template = rng.choice(SUBJECTS[subject][1])
                summary = template.format(
                    days=rng.randint(2, 30),
                    dom=rng.choice([1, 8, 15, 25]),
                    amount=rng.randint(2, 40) * 50,
                    months=rng.randint(3, 12),
                    part=rng.randint(3, 20) * 10,
                    pct=rng.choice(["3,1", "4,4", "5,8", "6,2"]),
                    **{key: rng.choice(values) for key, values in fill.items()},
                )
                summary = summary[0].upper() + summary[1:]
                defect = None
                if self.subject_defect[subject] and rng.random() < 0.85:
                    defect = rng.choice(self.defect_ids)
                if person is not None and rng.random() < task_share:
                    outcome = rng.choices(task_outcome_values, cum_weights=task_outcome_weights)[0]
                    if subject == "reparatieverzoek" and rng.random() < 0.7:
                        outcome = "repair_request"
                else:
                    outcome = "answered" if rng.random() < 0.93 else "forwarded"
                forwarded = rng.choice(self.teams) if outcome == "forwarded" else None
                at = clock.at(day, seconds)
                contacts.row(
                    cid, "in" if rng.random() < inbound else "out", at, caller, summary,
                    rng.choice(NOTES) if rng.random() < 0.25 else "", outcome,
                    clock.at(day, seconds + rng.randint(60, 900)), channel, defect, forwarded,
                    handler, person, team, unit, self.subject_ids[subject], mandate,
                )  # fmt: skip
                if person is None:
                    continue
                involvement.add((handler, person))
                # The reads that belong to the contact: the card, often found by a search.
                if rng.random() < 0.6:
                    aid += 1
                    reads.row(
                        aid, person, "search_result", None, "team", "",
                        clock.at(day, seconds - 30), "10.1.0.7", handler,
                    )  # fmt: skip
                aid += 1
                grant = "team" if self.person_team[person] == team else "involvement"
                reads.row(aid, person, "card", person, grant, "", at, "10.1.0.7", handler)
                if outcome not in TASK_KIND:
                    continue
                # The follow-up and its events.
                tid += 1
                assignee = rng.choice(employees_of[team]) if rng.random() < 0.45 else None
                due_day = day + rng.randint(3, 14)
                age = last_day - day
                if age > 60:
                    status = "done" if rng.random() < 0.97 else "open"
                elif age > 10:
                    status = rng.choices(["done", "in_progress", "open"], [70, 15, 15])[0]
                else:
                    status = rng.choices(["done", "in_progress", "open"], [25, 25, 50])[0]
                if status == "in_progress" and assignee is None:
                    assignee = rng.choice(employees_of[team])
                closed_at = closing = closer = None
                closed_day = None
                if status == "done":
                    closed_day = min(last_day, day + int(rng.expovariate(1 / 6)))
                    closed_seconds = rng.randint(25200, 60000)
                    if closed_day == day:
                        closed_seconds = max(closed_seconds, seconds + 1800)
                    closed_at = clock.at(closed_day, closed_seconds)
                    closing = rng.choice(CLOSING)
                    closer = assignee or rng.choice(employees_of[team])
                due = clock.dates[day] + datetime.timedelta(days=due_day - day)
                tasks.row(
                    tid, rng.choice(ACTIONS[outcome]), due.isoformat(), status, closing or "",
                    closed_at, clock.at(day, seconds + 60), team, assignee, closer, cid,
                    handler, self.task_kind_ids[TASK_KIND[outcome]], person,
                )  # fmt: skip
                eid += 1
                events.row(eid, "created", clock.at(day, seconds + 60), "", handler, person, tid)
                if assignee is not None:
                    involvement.add((assignee, person))
                    eid += 1
                    take_day = min(last_day, day + rng.randint(0, 2))
                    if closed_day is not None:
                        take_day = min(take_day, closed_day)
                    events.row(
                        eid, "taken", clock.at(take_day, seconds + 3600), "", assignee, person,
                        tid,
                    )  # fmt: skip
                if rng.random() < 0.05:
                    eid += 1
                    events.row(
                        eid, "reassigned", clock.at(day, seconds + 7200),
                        "Doorgezet naar collega.", handler, person, tid,
                    )  # fmt: skip
                if status == "done":
                    eid += 1
                    events.row(eid, "closed", closed_at, closing, closer, person, tid)
            # Reads that are not tied to a contact of today: searches, cards, tasks, ...
            for _ in range(int(day_weights[day] * read_scale + rng.random())):
                person = draw_person(day) or rng.randint(1, self.n_persons)
                team = self.person_team[person]
                actor = rng.choice(employees_of[team])
                what = rng.choices(what_values, cum_weights=what_weights)[0]
                aid += 1
                seconds = int(rng.triangular(6 * 3600, 17 * 3600, 9 * 3600))
                if rng.random() < 0.0002:
                    # Break-the-glass: someone outside the team asked for the file.
                    actor = rng.choice(all_employees)
                    gid += 1
                    glass.row(
                        gid, actor, person, "caller_on_line", "Huurder aan de balie.",
                        clock.at(day, seconds - 60),
                        f"{clock.iso[min(last_day, day + 1)]} 23:00:00+00"
                        if day < last_day else clock.at(day, 86399),
                    )  # fmt: skip
                    reads.row(
                        aid, person, "card", person, "break_the_glass", "Huurder aan de balie.",
                        clock.at(day, seconds), "10.1.0.9", actor,
                    )  # fmt: skip
                    continue
                reads.row(
                    aid, person, what, person if what == "card" else None, "team", "",
                    clock.at(day, seconds), "10.1.0.7", actor,
                )  # fmt: skip
            if day % 365 == 364:
                print(
                    f"    ... year {day // 365 + 1}: {cid:,} contacts, {tid:,} tasks, "
                    f"{aid:,} reads, {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
        for stream in (contacts, tasks, events, reads, glass):
            self.step(f"{stream.table} (COPY)", *stream.close())

    def involvement_grants(self, involvement: set):
        stream = CopyStream(
            self.dsn,
            "contacts_personuserobjectpermission",
            ["id", "content_object_id", "permission_id", "user_id"],
        )
        for gid, (user, person) in enumerate(sorted(involvement), start=1):
            stream.row(gid, person, self.view_person, user)
        self.step("involvement grants (guardian, COPY)", *stream.close())

    def knowledge_base(self):
        from django.db import connection

        from knowledgebase import benchdata, demo
        from knowledgebase.models import Article

        started = time.perf_counter()
        categories, _changed = demo.seed_categories()
        demo.seed_articles(categories)
        demo.seed_synonyms()
        real = Article.objects.searchable().exclude(slug__startswith=benchdata.FILLER_PREFIX)
        report = benchdata.ensure_filler(max(0, KB_ARTICLES - real.count()))
        connection.close()
        self.step(
            "knowledge base (ORM + one UPDATE)",
            report.total_searchable,
            time.perf_counter() - started,
        )


BIG_TABLES = [
    "contacts_person", "contacts_unit", "contacts_tenancy", "contacts_phonenumber",
    "contacts_emailaddress", "contacts_mandate", "contacts_signal", "contacts_signal_handlers",
    "contacts_contactmoment", "contacts_task", "contacts_taskevent", "audit_accesslogentry",
    "access_breakglassgrant", "contacts_personuserobjectpermission",
]  # fmt: skip

CONSISTENCY_CHECKS = {
    "tasks on answered/forwarded contacts (trigger rule)": """
        SELECT count(*) FROM contacts_task t JOIN contacts_contactmoment c
        ON c.id = t.contact_moment_id WHERE c.outcome IN ('answered', 'forwarded')""",
    "contacts asking for a follow-up without a task": """
        SELECT count(*) FROM contacts_contactmoment c WHERE c.person_id IS NOT NULL
        AND c.outcome NOT IN ('answered', 'forwarded')
        AND NOT EXISTS (SELECT 1 FROM contacts_task t WHERE t.contact_moment_id = c.id)""",
    "task events whose person differs from the contact's": """
        SELECT count(*) FROM contacts_taskevent e JOIN contacts_task t ON t.id = e.task_id
        JOIN contacts_contactmoment c ON c.id = t.contact_moment_id
        WHERE e.person_id IS DISTINCT FROM c.person_id""",
    "tasks whose person differs from the contact's": """
        SELECT count(*) FROM contacts_task t JOIN contacts_contactmoment c
        ON c.id = t.contact_moment_id WHERE t.person_id IS DISTINCT FROM c.person_id""",
    "persons whose search_name is empty": (
        "SELECT count(*) FROM contacts_person WHERE search_name = ''"
    ),
    "subjects in use that the contact form cannot offer (no approved activity)": """
        SELECT count(*) FROM contacts_contactsubject s
        WHERE EXISTS (SELECT 1 FROM contacts_contactmoment c WHERE c.subject_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM processingregister_processingactivity a
                        WHERE a.id = s.processing_activity_id AND a.status = 'approved')""",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="kc_scale", help="database to (re)create")
    parser.add_argument(
        "--admin-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="server URL without database name",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the issue's sizes")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument(
        "--until",
        type=datetime.date.fromisoformat,
        default=datetime.date.today(),
        help="last day of the five years (default today)",
    )
    parser.add_argument("--skip-kb", action="store_true", help="no knowledge-base articles")
    parser.add_argument("--force", action="store_true", help="allow any database name")
    args = parser.parse_args()
    if not any(word in args.db for word in ("bench", "scale")) and not args.force:
        sys.exit(f"refusing to recreate database {args.db!r}: its name must contain 'bench' or "
                 "'scale' (or pass --force)")  # fmt: skip
    url = f"{args.admin_url}/{args.db}"
    print(f"generating into {url} at scale {args.scale} (seed {args.seed}, until {args.until})")
    everything = time.perf_counter()
    started = time.perf_counter()
    recreate_database(args.admin_url, args.db)
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "migrate",
            "--noinput",
            "--skip-checks",
            "-v",
            "0",
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")
    import django

    django.setup()
    import psycopg

    gen = Generator(args, url)
    gen.step("create database + migrate", 0, time.perf_counter() - started)
    from auditlog.context import disable_auditlog

    with disable_auditlog():  # bulk set-up, not staff's work
        gen.processing_register()
        gen.teams_and_employees()
    from django.db import connection

    connection.close()

    with psycopg.connect(url, autocommit=True) as conn:
        gen.reference(conn)
        started = time.perf_counter()
        restore = drop_secondary(conn, BIG_TABLES)
        conn.execute("ALTER TABLE contacts_task DISABLE TRIGGER USER")
        conn.execute("ALTER TABLE contacts_contactmoment DISABLE TRIGGER USER")
        gen.step("drop secondary indexes and FKs", len(restore), time.perf_counter() - started)

    involvement: set = set()
    gen.units_persons_tenancies()
    gen.mandates()
    gen.signals(involvement)
    gen.contacts_and_reads(involvement)
    gen.involvement_grants(involvement)
    del involvement

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        started = time.perf_counter()
        for ddl in restore:
            conn.execute(ddl)
        conn.execute("ALTER TABLE contacts_task ENABLE TRIGGER USER")
        conn.execute("ALTER TABLE contacts_contactmoment ENABLE TRIGGER USER")
        gen.step("recreate indexes, validate FKs", len(restore), time.perf_counter() - started)
        started = time.perf_counter()
        conn.execute(
            """
            DO $$ DECLARE r record; BEGIN
              FOR r IN SELECT s.relname AS seq, t.relname AS tab, a.attname AS col
                FROM pg_class s JOIN pg_depend d ON d.objid = s.oid
                JOIN pg_class t ON t.oid = d.refobjid
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                WHERE s.relkind = 'S' LOOP
                EXECUTE format(
                  'SELECT setval(%L, coalesce((SELECT max(%I) FROM %I), 0) + 1, false)',
                  r.seq, r.col, r.tab);
              END LOOP; END $$"""
        )
        for check, sql in CONSISTENCY_CHECKS.items():
            found = conn.execute(sql).fetchone()[0]
            print(f"  check: {check}: {found}")
            if found:
                sys.exit("inconsistent data generated")
        gen.step("sequences, consistency checks", 0, time.perf_counter() - started)
        started = time.perf_counter()
        conn.execute("VACUUM (ANALYZE)")
        gen.step("VACUUM ANALYZE", 0, time.perf_counter() - started)

    if not args.skip_kb:
        with disable_auditlog():
            gen.knowledge_base()
    with psycopg.connect(url, autocommit=True) as conn:
        print("\nrows:")
        for table in BIG_TABLES + ["knowledgebase_article", "accounts_user", "accounts_team"]:
            count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            print(f"  {table:40} {count:>12,}")
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(f"database size: {size.fetchone()[0]}")
    print(f"total: {time.perf_counter() - everything:.0f} s")


if __name__ == "__main__":
    main()
