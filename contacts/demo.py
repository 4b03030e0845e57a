"""Demo data for development: district teams, one demo user per role, units, persons, tenancies.

Everything is generated from one fixed random seed and one fixed reference date, so the data is
the same on every run and on every machine. Rows are matched on their natural keys (team code,
username, unit number, relation number, contract number + person, person + phone number, person
+ e-mail address): a second run creates nothing, a run after someone edited demo rows puts the
generated values back. Rows outside the demo are never deleted or changed, except that a
hand-added phone number or e-mail address of a demo person loses its "preferred" flag to the
demo's own preferred one.

Demo users have a known password (``settings.DEMO_PASSWORD``), so this only runs with DEBUG on.

The names, streets and towns are invented or very common; phone numbers are random and e-mail
addresses use example domains only.
"""

import datetime
import random
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from accounts import roles, services
from accounts.models import Team, User
from referencedata.models import CodeList, ReferenceCode
from referencedata.services import load_reference_codes

from .models import EmailAddress, Person, PhoneNumber, Tenancy, Unit
from .normalise import normalise_phone, normalise_postcode, person_search_name

SEED = 20261123
# Fixed "today" of the generated history, so a run next year gives the same rows.
REFERENCE_DATE = datetime.date(2026, 11, 1)
OLDEST_START = REFERENCE_DATE - datetime.timedelta(days=30 * 365)

TENANT = "HUU"
CO_TENANT = "MDH"

UNITS_PER_TEAM = 75
CO_TENANT_SHARE = 0.25
PREVIOUS_CONTRACT_SHARE = 0.11  # units re-let at least once in the demo history
VACANT_SHARE = 0.015  # units whose last contract ended recently and that are empty now
MOVER_SHARE = 0.3  # previous tenants who moved to another unit of the corporation
CO_TENANT_LEFT_SHARE = 0.1  # co-tenants who left while the contract continued (waiver)
DATE_OF_BIRTH_SHARE = 0.35  # data minimisation: most persons have none
EMAIL_SHARE = 0.7
EMAIL_DOMAINS = ("example.nl", "voorbeeld.nl", "example.com")


class DemoDataRefused(Exception):
    """Raised when demo data may not be created here."""


# --- Teams and demo users ---------------------------------------------------------------------


@dataclass(frozen=True)
class TeamSpec:
    code: str
    name: str
    description: str


TEAMS = (
    TeamSpec("noord", "Team Noord", "Wijkteam Noord: Veenhoven-Noord."),
    TeamSpec("oost", "Team Oost", "Wijkteam Oost: Veenhoven-Oost en Bovenmeer."),
    TeamSpec("zuid", "Team Zuid", "Wijkteam Zuid: Veenhoven-Zuid en Koudedijk."),
    TeamSpec("west", "Team West", "Wijkteam West: Veenhoven-West en Elsweide."),
)


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

# --- Word lists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class District:
    team: str
    town: str
    postcode_area: int
    streets: tuple[str, ...]


DISTRICTS = (
    District(
        "noord",
        "Veenhoven",
        9641,
        ("Kerkstraat", "Molenstraat", "Noorderstraat", "Julianastraat", "Schoolstraat"),
    ),
    District(
        "noord",
        "Veenhoven",
        9642,
        ("Lijsterstraat", "Merelstraat", "Kievitstraat", "Zwaluwstraat", "Spreeuwenhof"),
    ),
    District(
        "oost",
        "Veenhoven",
        9643,
        ("Oosterdiep", "Stationsweg", "Havenstraat", "Sluisweg", "Kanaalstraat"),
    ),
    District("oost", "Bovenmeer", 9645, ("Dorpsstraat", "Meerweg", "Esdoornlaan", "Lindelaan")),
    District(
        "zuid",
        "Veenhoven",
        9644,
        ("Rembrandtlaan", "Vermeerstraat", "Van Goghstraat", "Mondriaanstraat", "Jan Steenstraat"),
    ),
    District("zuid", "Koudedijk", 9646, ("Hoofdweg", "Tulpstraat", "Narcisstraat", "Rozenstraat")),
    District(
        "west",
        "Veenhoven",
        9640,
        ("Westerstraat", "Beatrixlaan", "Prins Bernhardlaan", "Wilhelminastraat", "Oranjeplein"),
    ),
    District(
        "west",
        "Elsweide",
        9647,
        ("Turfweg", "Veenkade", "Berkenlaan", "Beukenlaan", "Kastanjelaan"),
    ),
)
FLAT_ADDITIONS = {
    "floors": ("", "1-hoog", "2-hoog", "3-hoog"),
    "letters": ("A", "B", "C", "D"),
}
# Dutch postcodes use no F, I, O, Q, U, Y, and never SA, SD or SS.
_POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
POSTCODE_LETTER_PAIRS = tuple(
    a + b for a in _POSTCODE_LETTERS for b in _POSTCODE_LETTERS if a + b not in {"SA", "SD", "SS"}
)

FEMALE_NAMES = (
    "Anna", "Emma", "Sophie", "Julia", "Lotte", "Sanne", "Femke", "Marieke", "Ingrid", "Wilma",
    "Gerda", "Annie", "Johanna", "Maria", "Petra", "Monique", "Linda", "Esther", "Ilse", "Fleur",
    "Noor", "Eva", "Lisa", "Kim", "Naima", "Fatima", "Yasmina", "Ayşe", "Zeynep", "Priya",
    "Agnieszka", "Joke", "Tineke", "Hennie", "Truus", "Riet", "Ans", "Diana", "Sandra", "Chantal",
)  # fmt: skip
MALE_NAMES = (
    "Jan", "Piet", "Kees", "Henk", "Gerrit", "Hendrik", "Willem", "Johan", "Klaas", "Bert",
    "Harm", "Albert", "Jeroen", "Bas", "Mark", "Sander", "Thijs", "Daan", "Bram", "Lars",
    "Ruben", "Tim", "Niels", "Erik", "Frank", "Marco", "Dennis", "Mohamed", "Youssef", "Ahmed",
    "Mehmet", "Emre", "Rajesh", "Tomasz", "Jaap", "Sjoerd", "Wiebe", "Geert", "Roelof", "Lucas",
)  # fmt: skip
EXTRA_INITIALS = "ACEGHJMPW"
# (tussenvoegsel, surname), common ones more than once.
SURNAMES = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
    ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
    ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"),
    ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"),
    ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"), ("", "Huisman"),
    ("", "Kuipers"), ("ter", "Horst"), ("in 't", "Veld"), ("van 't", "Hof"), ("", "Boersma"),
    ("", "Wiersma"), ("", "Postma"), ("", "Oosterhuis"), ("", "Kloosterman"), ("", "Zijlstra"),
    ("", "Veenstra"), ("", "Haveman"), ("de", "Jong"), ("", "Jansen"), ("de", "Vries"),
    ("", "Yılmaz"), ("", "Kaya"), ("", "El Amrani"), ("", "Öztürk"), ("", "Nowak"),
    ("", "Ramdin"), ("", "Pinas"), ("", "Bouzid"), ("", "Nguyen"),
)  # fmt: skip
HOME_AREA_CODE = "0598"
WORK_AREA_CODE = "050"

# --- The plan: what the demo data should be, without touching the database ---------------------


@dataclass
class PersonPlan:
    index: int
    initials: str
    given_name: str
    surname_prefix: str
    surname: str
    female: bool
    first_start: datetime.date | None = None
    date_of_birth: datetime.date | None = None
    relation_number: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number, kind)
    emails: list[tuple[str, str]] = field(default_factory=list)  # (address, kind)


@dataclass
class ContractPlan:
    index: int
    unit: int
    start: datetime.date
    end: datetime.date | None
    has_co_tenant: bool = False
    co_start: datetime.date | None = None
    co_end: datetime.date | None = None
    tenant: int | None = None
    co_tenant: int | None = None
    contract_number: str = ""


@dataclass
class Plan:
    units: list[dict] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)
    tenancies: list[dict] = field(default_factory=list)
    phone_numbers: list[dict] = field(default_factory=list)
    email_addresses: list[dict] = field(default_factory=list)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _ascii(text: str) -> str:
    text = text.replace("ı", "i")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def plan_units(rng: random.Random) -> list[dict]:
    units: list[dict] = []
    letter_index = {d.postcode_area: rng.randrange(60) for d in DISTRICTS}
    postcodes: dict[tuple, str] = {}

    def postcode(district: District, street: str, number: int) -> str:
        key = (district.postcode_area, street, (number - 1) // 24)
        if key not in postcodes:
            letter_index[district.postcode_area] += rng.randint(1, 4)
            letters = POSTCODE_LETTER_PAIRS[letter_index[district.postcode_area]]
            postcodes[key] = normalise_postcode(f"{district.postcode_area} {letters}")
        return postcodes[key]

    for team in TEAMS:
        streets = [(d, street) for d in DISTRICTS if d.team == team.code for street in d.streets]
        next_number = {street: rng.randint(1, 60) for _d, street in streets}
        style = {
            street: rng.choice(("houses", "houses", "houses", "floors", "letters"))
            for _d, street in streets
        }
        count = 0
        while count < UNITS_PER_TEAM:
            for district, street in streets:
                for _ in range(rng.randint(2, 5)):
                    number = next_number[street]
                    next_number[street] += 2
                    if style[street] == "houses":
                        additions = ("", "A") if rng.random() < 0.06 else ("",)
                    else:
                        additions = FLAT_ADDITIONS[style[street]][: rng.randint(2, 4)]
                    for addition in additions:
                        if count >= UNITS_PER_TEAM:
                            break
                        units.append(
                            {
                                "street": street,
                                "house_number": number,
                                "house_number_addition": addition,
                                "postcode": postcode(district, street, number),
                                "town": district.town,
                                "team": team.code,
                            }
                        )
                        count += 1
    for index, unit in enumerate(units):
        unit["unit_number"] = f"VHE-{10001 + index}"
    return units


def plan_contracts(rng: random.Random, unit_count: int) -> list[ContractPlan]:
    """Per unit a current contract, for some units also an ended one (or only that: vacant)."""
    contracts: list[ContractPlan] = []
    current_of_unit: dict[int, ContractPlan] = {}
    previous: list[ContractPlan] = []
    for unit in range(unit_count):
        draw = rng.random()
        vacant = draw < VACANT_SHARE
        re_let = vacant or draw < PREVIOUS_CONTRACT_SHARE
        current = None
        if not vacant:
            latest = 20 * 365 if re_let else 30 * 365
            current = ContractPlan(
                len(contracts), unit, REFERENCE_DATE - _days(rng.randint(30, latest)), None
            )
            contracts.append(current)
            current_of_unit[unit] = current
        if re_let:
            if current is None:
                end = REFERENCE_DATE - _days(rng.randint(7, 120))
            else:
                end = current.start - _days(rng.randint(1, 60))
            start = max(OLDEST_START, end - _days(rng.randint(365, 25 * 365)))
            contract = ContractPlan(len(contracts), unit, start, end)
            contracts.append(contract)
            previous.append(contract)

    # Movers (doorstroming): the previous tenant now rents another unit of the corporation.
    movers: set[int] = set()
    current_contracts = [c for c in contracts if c.end is None]
    for contract in previous:
        if rng.random() >= MOVER_SHARE:
            continue
        successor = current_of_unit.get(contract.unit)
        limit = successor.start if successor else REFERENCE_DATE - _days(7)
        candidates = [
            c
            for c in current_contracts
            if c.unit != contract.unit
            and c.index not in movers
            and contract.start + _days(365) < c.start - _days(15)
            and c.start < limit
        ]
        if not candidates:
            continue
        target = rng.choice(candidates)
        movers.add(target.index)
        contract.end = target.start - _days(rng.randint(1, 14))
        contract.tenant = -1 - target.index  # resolved to the target's tenant below

    for contract in contracts:
        contract.has_co_tenant = rng.random() < CO_TENANT_SHARE
        if not contract.has_co_tenant:
            continue
        upper = contract.end or REFERENCE_DATE
        span = (upper - contract.start).days
        if span > 400 and rng.random() < 0.3:
            contract.co_start = contract.start + _days(rng.randint(90, span - 30))
        else:
            contract.co_start = contract.start
        if contract.end is not None:
            contract.co_end = contract.end
        elif (
            rng.random() < CO_TENANT_LEFT_SHARE and (REFERENCE_DATE - contract.co_start).days > 400
        ):
            contract.co_end = contract.co_start + _days(
                rng.randint(180, (REFERENCE_DATE - contract.co_start).days - 30)
            )
    return contracts


def _initials(rng: random.Random, given_name: str) -> str:
    letters = [given_name[0]] + [
        rng.choice(EXTRA_INITIALS) for _ in range(rng.choice((0, 0, 1, 1, 2)))
    ]
    return "".join(f"{letter}." for letter in letters)


def _new_person(rng: random.Random, persons: list[PersonPlan], *, female=None, surname=None):
    female = rng.random() < 0.5 if female is None else female
    given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    prefix, name = surname or rng.choice(SURNAMES)
    person = PersonPlan(
        index=len(persons),
        initials=_initials(rng, given),
        given_name=given if rng.random() < 0.8 else "",
        surname_prefix=prefix,
        surname=name,
        female=female,
    )
    persons.append(person)
    return person


def _mobile(rng: random.Random, used: set[str]) -> str:
    while True:
        raw = f"06-{rng.randint(1, 5)}{rng.randint(0, 9999999):07d}"
        number = normalise_phone(raw)
        if number not in used:
            used.add(number)
            return number


def _landline(rng: random.Random, used: set[str], area: str) -> str:
    digits = 10 - len(area)
    while True:
        raw = f"{area}-{rng.randint(3 * 10 ** (digits - 1), 10**digits - 1)}"
        number = normalise_phone(raw)
        if number not in used:
            used.add(number)
            return number


def _email(rng: random.Random, person: PersonPlan, used: set[str], domain: str) -> str:
    given = _ascii(person.given_name) or _ascii(person.initials)
    surname = _ascii(person.surname_prefix + person.surname)
    local = rng.choice(
        (
            f"{given}.{surname}",
            f"{given[0]}{surname}",
            f"{given}{rng.randint(50, 99)}",
            f"{given}.{surname}{rng.randint(1, 99)}",
        )
    )
    address = f"{local}@{domain}"
    suffix = 1
    while address in used:
        suffix += 1
        address = f"{local}{suffix}@{domain}"
    used.add(address)
    return address


def build_plan(rng: random.Random) -> Plan:
    """The complete demo data set as rows keyed by natural keys (no database access)."""
    units = plan_units(rng)
    contracts = plan_contracts(rng, len(units))
    persons: list[PersonPlan] = []
    used_phones: set[str] = set()
    used_emails: set[str] = set()

    for contract in contracts:
        if contract.tenant is None:
            contract.tenant = _new_person(rng, persons).index
    for contract in contracts:
        if contract.tenant < 0:  # a mover: the tenant of the contract they moved to
            contract.tenant = contracts[-1 - contract.tenant].tenant
        if contract.has_co_tenant:
            tenant = persons[contract.tenant]
            partner = _new_person(
                rng,
                persons,
                female=not tenant.female if rng.random() < 0.9 else tenant.female,
                surname=(tenant.surname_prefix, tenant.surname) if rng.random() < 0.4 else None,
            )
            contract.co_tenant = partner.index

    # Relation and contract numbers in order of first appearance, with gaps (applicants, ...).
    for contract in contracts:
        for person_index, start in (
            (contract.tenant, contract.start),
            (contract.co_tenant, contract.co_start),
        ):
            if person_index is not None:
                person = persons[person_index]
                if person.first_start is None or start < person.first_start:
                    person.first_start = start
    number = 1000
    for person in sorted(persons, key=lambda p: (p.first_start, p.index)):
        number += rng.randint(1, 3)
        person.relation_number = f"R{number:07d}"
    number = 100
    for contract in sorted(contracts, key=lambda c: (c.start, c.index)):
        number += rng.randint(1, 3)
        contract.contract_number = f"HC-{number:06d}"

    # Contact details: mobiles and addresses of their own, a household's landline shared.
    for person in persons:
        if rng.random() < DATE_OF_BIRTH_SHARE:
            latest = person.first_start - _days(18 * 366)
            earliest = max(person.first_start - _days(60 * 365), REFERENCE_DATE - _days(90 * 365))
            if earliest < latest:
                person.date_of_birth = earliest + _days(rng.randint(0, (latest - earliest).days))
        if rng.random() < 0.85:
            person.phones.append((_mobile(rng, used_phones), PhoneNumber.Kind.MOBILE))
        if rng.random() < 0.05:
            person.phones.append(
                (_landline(rng, used_phones, WORK_AREA_CODE), PhoneNumber.Kind.WORK)
            )
        if rng.random() < EMAIL_SHARE:
            domain = rng.choice(EMAIL_DOMAINS)
            person.emails.append(
                (_email(rng, person, used_emails, domain), EmailAddress.Kind.PRIVATE)
            )
            if rng.random() < 0.05:
                person.emails.append(
                    (_email(rng, person, used_emails, "example.com"), EmailAddress.Kind.WORK)
                )
    for contract in contracts:
        if contract.end is None and rng.random() < 0.25:
            home = _landline(rng, used_phones, HOME_AREA_CODE)
            persons[contract.tenant].phones.append((home, PhoneNumber.Kind.HOME))
            if contract.co_tenant is not None and contract.co_end is None and rng.random() < 0.8:
                persons[contract.co_tenant].phones.append((home, PhoneNumber.Kind.HOME))

    plan = Plan()
    plan.units = units
    for person in persons:
        plan.persons.append(
            {
                "relation_number": person.relation_number,
                "initials": person.initials,
                "given_name": person.given_name,
                "surname_prefix": person.surname_prefix,
                "surname": person.surname,
                "date_of_birth": person.date_of_birth,
                "search_name": person_search_name(
                    surname=person.surname,
                    surname_prefix=person.surname_prefix,
                    given_name=person.given_name,
                    initials=person.initials,
                ),
            }
        )
        kinds = [kind for _number, kind in person.phones]
        preferred = kinds.index(PhoneNumber.Kind.MOBILE) if PhoneNumber.Kind.MOBILE in kinds else 0
        for position, (phone, kind) in enumerate(person.phones):
            plan.phone_numbers.append(
                {
                    "person": person.relation_number,
                    "number": phone,
                    "kind": kind,
                    "is_preferred": position == preferred,
                }
            )
        for position, (address, kind) in enumerate(person.emails):
            plan.email_addresses.append(
                {
                    "person": person.relation_number,
                    "address": address,
                    "kind": kind,
                    "is_preferred": position == 0,
                }
            )
    for contract in contracts:
        unit_number = units[contract.unit]["unit_number"]
        parts = [(contract.tenant, TENANT, contract.start, contract.end)]
        if contract.co_tenant is not None:
            parts.append((contract.co_tenant, CO_TENANT, contract.co_start, contract.co_end))
        for person_index, role, start, end in parts:
            plan.tenancies.append(
                {
                    "contract_number": contract.contract_number,
                    "person": persons[person_index].relation_number,
                    "unit": unit_number,
                    "role": role,
                    "start_date": start,
                    "end_date": end,
                }
            )
    return plan


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
    if not settings.DEBUG or getattr(settings, "PRODUCTION", False):
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
    from processingregister.models import ProcessingActivity

    from .catalogue import bind_defaults
    from .demo_history import seed_demo_data as seed_history
    from .models import ContactSubject, SignalType, TaskKind

    bound = bind_defaults(ProcessingActivity, ContactSubject, TaskKind, SignalType)
    return [
        f"  purpose binding: {bound} subjects, task kinds and signal types bound",
        *seed_history(),
    ]
