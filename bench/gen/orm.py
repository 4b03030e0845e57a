"""The generator's steps that go through the ORM and the services (few rows, where the services'
side effects matter): the processing register with the purpose binding, the teams with their
guardian groups and employees, the knowledge base. Import it only after ``django.setup()``."""

import time

from auditlog.context import disable_auditlog
from django.contrib.auth.hashers import make_password
from django.db import connection

from accounts import roles
from accounts.models import User
from accounts.services import add_team_member, assign_role, create_team
from contacts.catalogue import bind_defaults
from contacts.models import ContactSubject, SignalType, TaskKind
from knowledgebase import benchdata
from knowledgebase import demo as kb_demo
from knowledgebase.models import Article
from processingregister import demo
from processingregister.models import ProcessingActivity

from .base import EMPLOYEES_PER_TEAM, KB_ARTICLES, TEAMS
from .names import TOWNS

__all__ = [
    "close_connection",
    "disable_auditlog",
    "knowledge_base",
    "processing_register",
    "teams_and_employees",
]


def close_connection() -> None:
    """Close Django's connection: the COPY steps use psycopg connections of their own."""
    connection.close()


def processing_register(gen) -> None:
    """The corporation's processing register (the demo register: its activities, approved
    ones among them, agreements, breaches) and the purpose binding of the default
    subjects, task kinds and signal types to it: without an approved activity behind a
    subject, the contact form offers no subject (purpose binding), as in production."""
    started = time.perf_counter()
    demo.seed_demo_data()
    bound = bind_defaults(ProcessingActivity, ContactSubject, TaskKind, SignalType)
    gen.step(
        "processing register, purpose binding (ORM)",
        ProcessingActivity.objects.count() + bound,
        time.perf_counter() - started,
    )


def teams_and_employees(gen) -> None:
    """The teams (through ``accounts.services``, so with their guardian groups), per team the
    benchmark employee ``scale-NN``, the leader ``teamleider-NN`` and the other employees.
    Sets ``gen.teams``, ``gen.employees`` (team id -> user ids) and ``gen.all_employees``."""
    started = time.perf_counter()
    password = make_password("klantcontact-scale")
    gen.teams = []
    gen.employees = {}  # team id -> [user ids]
    gen.all_employees = []
    for t in range(TEAMS):
        team = create_team(
            name=f"Wijk {t + 1:02d} {TOWNS[t % len(TOWNS)]}", code=f"wijk-{t + 1:02d}"
        )
        gen.teams.append(team.pk)
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
        gen.employees[team.pk] = members
        gen.all_employees.extend(members)
    gen.step(
        "teams, groups, employees (ORM)",
        TEAMS * (EMPLOYEES_PER_TEAM + 2),
        time.perf_counter() - started,
    )


def knowledge_base(gen) -> None:
    """The demo categories, articles and synonyms, then filler articles (as bench/kb_speed.py)
    up to ``KB_ARTICLES`` searchable ones."""
    started = time.perf_counter()
    categories, _changed = kb_demo.seed_categories()
    kb_demo.seed_articles(categories)
    kb_demo.seed_synonyms()
    real = Article.objects.searchable().exclude(slug__startswith=benchdata.FILLER_PREFIX)
    report = benchdata.ensure_filler(max(0, KB_ARTICLES - real.count()))
    connection.close()
    gen.step(
        "knowledge base (ORM + one UPDATE)",
        report.total_searchable,
        time.perf_counter() - started,
    )
