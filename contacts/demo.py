"""Demo data for development: district teams, one demo user per role, units, persons, tenancies.

Everything is generated from one fixed random seed and one fixed reference date, so the data is
the same on every run and on every machine. Rows are matched on their natural keys (team code,
username, unit number, relation number, contract number + person, person + phone number, person
+ e-mail address): a second run creates nothing, a run after someone edited demo rows puts the
generated values back. Rows outside the demo are never deleted or changed, except that a
hand-added phone number or e-mail address of a demo person loses its "preferred" flag to the
demo's own preferred one.

Demo users have a known password (``settings.DEMO_PASSWORD``), so this only runs with DEBUG on.
The plan (what the rows should be) is made in contacts.demo_plan; this module writes it.
"""

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from accounts import roles, services
from accounts.models import Team, User
from processingregister.models import ProcessingActivity
from referencedata.models import CodeList, ReferenceCode
from referencedata.services import load_reference_codes

from .catalogue import bind_defaults
from .demo_history import seed_demo_data as seed_history
from .demo_plan import CO_TENANT, REFERENCE_DATE, SEED, TEAMS, TENANT, build_plan
from .models import (
    ContactSubject,
    EmailAddress,
    Person,
    PhoneNumber,
    SignalType,
    TaskKind,
    Tenancy,
    Unit,
)


class DemoDataRefused(Exception):
    """Raised when demo data may not be created here."""


# --- Demo users -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUserSpec:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...] = ()
    team: str | None = None
    leader: bool = False
    superuser: bool = False

    @property
    def is_staff(self) -> bool:
        return self.superuser or any(role in roles.STAFF_ROLES for role in self.roles)

    @property
    def email(self) -> str:
        return f"{self.username}@example.nl"


DEMO_USERS = (
    DemoUserSpec("medewerker", "Sanne", "de Vries", (roles.EMPLOYEE,), team="noord"),
    DemoUserSpec("medewerker.zuid", "Youssef", "El Amrani", (roles.EMPLOYEE,), team="zuid"),
    DemoUserSpec(
        "teamleider",
        "Marco",
        "van der Veen",
        (roles.TEAM_LEADER, roles.EMPLOYEE),
        team="noord",
        leader=True,
    ),
    DemoUserSpec("beheerder", "Ingrid", "Bosman", (roles.FUNCTIONAL_ADMINISTRATOR,)),
    DemoUserSpec("avg", "Pieter", "Hoekstra", (roles.PRIVACY_OFFICER,)),
    DemoUserSpec("it", "Daan", "Kuipers", superuser=True),
)


# --- Writing the plan -------------------------------------------------------------------------


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def sync_rows(model: type[models.Model], key: tuple[str, ...], rows: list[dict]) -> SyncResult:
    """Make ``rows`` exist in ``model``, matched on the ``key`` fields (attnames); bulk writes.

    Missing rows are created, rows that differ are updated; other rows are left alone.
    """
    result = SyncResult()
    if not rows:
        return result
    fields = [name for name in rows[0] if name not in key]
    lookup = {row[key[0]] for row in rows}
    existing = {
        tuple(getattr(obj, name) for name in key): obj
        for obj in model.objects.filter(**{f"{key[0]}__in": lookup})
    }
    now = timezone.now()
    to_create, to_update = [], []
    for row in rows:
        obj = existing.get(tuple(row[name] for name in key))
        if obj is None:
            to_create.append(model(**row))
            continue
        changed = False
        for name in fields:
            if getattr(obj, name) != row[name]:
                setattr(obj, name, row[name])
                changed = True
        if changed:
            obj.updated_at = now
            to_update.append(obj)
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.bulk_update(to_update, [*fields, "updated_at"], batch_size=500)
    result.created, result.updated = len(to_create), len(to_update)
    return result


def _release_preferred(model, value_field: str, rows: list[dict]) -> None:
    """Un-prefer details the plan does not prefer, so the one-preferred constraint holds."""
    wanted = {(row["person_id"], row[value_field]) for row in rows if row["is_preferred"]}
    stale = [
        pk
        for pk, person_id, value in model.objects.filter(
            person_id__in={row["person_id"] for row in rows}, is_preferred=True
        ).values_list("pk", "person_id", value_field)
        if (person_id, value) not in wanted
    ]
    if stale:
        model.objects.filter(pk__in=stale).update(is_preferred=False, updated_at=timezone.now())


def _with_person_ids(rows: list[dict], person_ids: dict[str, int]) -> list[dict]:
    """Detail rows with the person's relation number replaced by its primary key."""
    return [
        {"person_id": person_ids[row["person"]], **{k: v for k, v in row.items() if k != "person"}}
        for row in rows
    ]


def check_allowed() -> None:
    if not settings.DEBUG or settings.PRODUCTION:
        raise DemoDataRefused(
            "seed_demo only runs with DEBUG on in development: demo users have a known "
            "password (DEMO_PASSWORD) and may only exist in development. Set DEBUG=1."
        )


def ensure_reference_data() -> dict[str, ReferenceCode]:
    """The relation roles tenant (HUU) and co-tenant (MDH); loads the VERA lists if missing."""
    wanted = (TENANT, CO_TENANT)

    def fetch():
        return {
            code.code: code
            for code in ReferenceCode.objects.filter(
                code_list=CodeList.RELATION_ROLE, code__in=wanted
            )
        }

    codes = fetch()
    if len(codes) < len(wanted):
        load_reference_codes()
        codes = fetch()
    if len(codes) < len(wanted):
        raise DemoDataRefused("The VERA reference data has no relation roles HUU and MDH.")
    return codes


def seed_teams() -> dict[str, Team]:
    teams = {}
    for spec in TEAMS:
        team = Team.objects.filter(code=spec.code).first()
        if team is None:
            team = services.create_team(
                name=spec.name, code=spec.code, description=spec.description
            )
        else:
            wanted = {"name": spec.name, "description": spec.description, "is_active": True}
            changed = [name for name, value in wanted.items() if getattr(team, name) != value]
            for name in changed:
                setattr(team, name, wanted[name])
            if changed:
                team.save(update_fields=changed)
            services.provision_team(team)  # groups and object permissions, idempotent
        teams[spec.code] = team
    return teams


def seed_users(teams: dict[str, Team]) -> SyncResult:
    """One demo user per role; a re-run resets the password and exactly these groups."""
    result = SyncResult()
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        created = user is None
        if created:
            user = User(username=spec.username)
        wanted = {
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": spec.email,
            "is_active": True,
            "is_staff": spec.is_staff,
            "is_superuser": spec.superuser,
        }
        changed = [name for name, value in wanted.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, wanted[name])
        if created or not user.check_password(settings.DEMO_PASSWORD):
            user.set_password(settings.DEMO_PASSWORD)
            changed.append("password")
        if created:
            user.save()
        elif changed:
            user.save(update_fields=changed)

        team = teams.get(spec.team) if spec.team else None
        groups = {roles.role_group(role) for role in spec.roles}
        if team is not None:
            groups.add(team.member_group)
            if spec.leader:
                groups.add(team.leader_group)
        extra = set(user.groups.all()) - groups
        if extra:
            user.groups.remove(*extra)
        for role in spec.roles:
            services.assign_role(user, role)
        if team is not None:
            services.add_team_member(team, user, leader=spec.leader)

        if created:
            result.created += 1
        elif changed or extra:
            result.updated += 1
        else:
            result.unchanged += 1
    return result


@dataclass
class SeedReport:
    teams: int = 0
    users: int = 0
    units: int = 0
    persons: int = 0
    tenancies: int = 0
    co_tenancies: int = 0
    ended_tenancies: int = 0
    phone_numbers: int = 0
    email_addresses: int = 0
    results: dict[str, SyncResult] = field(default_factory=dict)

    @property
    def created(self) -> int:
        return sum(result.created for result in self.results.values())

    @property
    def updated(self) -> int:
        return sum(result.updated for result in self.results.values())

    def lines(self) -> list[str]:
        return [
            f"Demo data ready (seed {SEED}, history up to {REFERENCE_DATE.isoformat()}):",
            f"  {self.teams} teams, {self.users} demo users, {self.units} units, "
            f"{self.persons} persons",
            f"  {self.tenancies} tenancies ({self.co_tenancies} co-tenant, "
            f"{self.ended_tenancies} ended), {self.phone_numbers} phone numbers, "
            f"{self.email_addresses} e-mail addresses",
            f"  this run: {self.created} rows created, {self.updated} updated",
            "  demo users: "
            + ", ".join(spec.username for spec in DEMO_USERS)
            + " (password: the DEMO_PASSWORD setting)",
        ]


@transaction.atomic
def seed_demo() -> SeedReport:
    """Create or restore the demo data set; refuses unless DEBUG is on."""
    check_allowed()
    role_codes = ensure_reference_data()
    teams = seed_teams()
    report = SeedReport(teams=len(teams), users=len(DEMO_USERS))
    report.results["users"] = seed_users(teams)

    plan = build_plan(random.Random(SEED))  # noqa: S311  (demo data, not security)

    report.results["units"] = sync_rows(
        Unit,
        ("unit_number",),
        [
            {**{k: v for k, v in unit.items() if k != "team"}, "team_id": teams[unit["team"]].pk}
            for unit in plan.units
        ],
    )
    unit_ids = dict(
        Unit.objects.filter(unit_number__in=[u["unit_number"] for u in plan.units]).values_list(
            "unit_number", "pk"
        )
    )
    report.results["persons"] = sync_rows(Person, ("relation_number",), plan.persons)
    person_ids = dict(
        Person.objects.filter(
            relation_number__in=[p["relation_number"] for p in plan.persons]
        ).values_list("relation_number", "pk")
    )
    tenancies = [
        {
            "contract_number": row["contract_number"],
            "person_id": person_ids[row["person"]],
            "unit_id": unit_ids[row["unit"]],
            "role_id": role_codes[row["role"]].pk,
            "start_date": row["start_date"],
            "end_date": row["end_date"],
        }
        for row in plan.tenancies
    ]
    report.results["tenancies"] = sync_rows(Tenancy, ("contract_number", "person_id"), tenancies)

    phones = _with_person_ids(plan.phone_numbers, person_ids)
    _release_preferred(PhoneNumber, "number", phones)
    report.results["phone_numbers"] = sync_rows(PhoneNumber, ("person_id", "number"), phones)
    emails = _with_person_ids(plan.email_addresses, person_ids)
    _release_preferred(EmailAddress, "address", emails)
    report.results["email_addresses"] = sync_rows(EmailAddress, ("person_id", "address"), emails)

    report.units = len(plan.units)
    report.persons = len(plan.persons)
    report.tenancies = len(plan.tenancies)
    report.co_tenancies = sum(1 for row in plan.tenancies if row["role"] == CO_TENANT)
    report.ended_tenancies = sum(1 for row in plan.tenancies if row["end_date"] is not None)
    report.phone_numbers = len(plan.phone_numbers)
    report.email_addresses = len(plan.email_addresses)
    return report


def seed_demo_data() -> list[str]:
    """The app-seeder hook of ``seed_demo``: the contact history on top of the base set."""
    bound = bind_defaults(ProcessingActivity, ContactSubject, TaskKind, SignalType)
    return [
        f"  purpose binding: {bound} subjects, task kinds and signal types bound",
        *seed_history(),
    ]
