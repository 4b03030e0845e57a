"""The plan of the base demo set: what the teams, units, persons, tenancies, phone numbers and
e-mail addresses should be, generated from one fixed seed and one fixed reference date without
touching the database (contacts.demo writes it).

The teams, streets, towns and names are data (contacts/demo_data/base.yaml), invented or very
common; phone numbers are random and e-mail addresses use example domains only.
"""

import datetime
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from klantcontact.content import load_yaml

from .models import EmailAddress, PhoneNumber
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

# Teams, streets, towns and names: data, not code (klantcontact/content.py).
_BASE = load_yaml(Path(__file__).resolve().parent / "demo_data" / "base.yaml")

# --- Teams -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamSpec:
    code: str
    name: str
    description: str


TEAMS = tuple(TeamSpec(**team) for team in _BASE["teams"])


# --- Word lists (contacts/demo_data/base.yaml) ----------------------------------------------


@dataclass(frozen=True)
class District:
    team: str
    town: str
    postcode_area: int
    streets: tuple[str, ...]


DISTRICTS = tuple(
    District(d["team"], d["town"], d["postcode_area"], tuple(d["streets"]))
    for d in _BASE["districts"]
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

FEMALE_NAMES = tuple(_BASE["female_names"])
MALE_NAMES = tuple(_BASE["male_names"])
EXTRA_INITIALS = "ACEGHJMPW"
# (tussenvoegsel, surname), common ones more than once.
SURNAMES = tuple((prefix, surname) for prefix, surname in _BASE["surnames"])
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
    """The complete demo data set as rows keyed by natural keys (no database access).

    The steps draw from one generator in a fixed order; changing the order changes every row.
    """
    units = plan_units(rng)
    contracts = plan_contracts(rng, len(units))
    persons = _plan_persons(rng, contracts)
    _number_persons_and_contracts(rng, persons, contracts)
    _plan_contact_details(rng, persons, contracts)
    plan = Plan()
    plan.units = units
    for person in persons:
        _add_person_rows(plan, person)
    for contract in contracts:
        _add_tenancy_rows(plan, contract, persons, units)
    return plan


def _plan_persons(rng: random.Random, contracts: list[ContractPlan]) -> list[PersonPlan]:
    """A tenant for every contract (a mover keeps theirs), and the co-tenants."""
    persons: list[PersonPlan] = []
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
    return persons


def _number_persons_and_contracts(
    rng: random.Random, persons: list[PersonPlan], contracts: list[ContractPlan]
) -> None:
    """Relation and contract numbers in order of first appearance, with gaps (applicants, ...)."""
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


def _plan_contact_details(
    rng: random.Random, persons: list[PersonPlan], contracts: list[ContractPlan]
) -> None:
    """Dates of birth, and contact details: mobiles and addresses of their own, a household's
    landline shared."""
    used_phones: set[str] = set()
    used_emails: set[str] = set()
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


def _add_person_rows(plan: Plan, person: PersonPlan) -> None:
    """The person's row and the rows of their phone numbers and e-mail addresses."""
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


def _add_tenancy_rows(
    plan: Plan, contract: ContractPlan, persons: list[PersonPlan], units: list[dict]
) -> None:
    """The contract's tenancies: the tenant's and, if any, the co-tenant's."""
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
