"""Units, persons, tenancies and contact details: a tenant per unit, co-tenants on the same
contract (some left), earlier tenants whose tenancy ended, persons without a tenancy; their
phone numbers (mobile, shared household landlines) and e-mail addresses."""

import datetime
import math

from contacts.normalise import fold, person_search_name

from .base import TEAMS, pick_weighted
from .bulk import CopyStream
from .names import (
    COMMON_SURNAMES,
    GIVEN_NAMES,
    LANDLINE_AREAS,
    MAIL_DOMAINS,
    OTHER_SURNAMES,
    STREET_ROOTS,
    STREET_SUFFIXES,
    TAIL_PARTICLES,
    TAIL_PREFIXES,
    TAIL_ROOTS,
    TAIL_SUFFIXES,
    TOWNS,
)


class People:
    """The Generator's units and persons steps. Sets ``unit_team`` (index = unit id - 1),
    ``n_units`` and, through ``Households``, the per-person lists and ``n_persons``."""

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
        self.units()
        Households(self).run()

    def units(self):
        rng = self.rng
        clock = self.clock
        n_units = self.n["units"]
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


class Households:
    """The persons step: persons are created as the tenancies need them, the rest have no
    tenancy. Fills the generator's per-person lists (index = person id): ``person_team``,
    ``person_unit``, ``person_window`` (first and last day with contacts) and ``person_kind``."""

    def __init__(self, gen):
        self.gen = gen
        self.rng = gen.rng
        self.clock = gen.clock
        self.n_persons = gen.n["persons"]
        self.now = f"{gen.clock.iso[-1]} 12:00:00+00"
        self.persons = CopyStream(
            gen.dsn,
            "contacts_person",
            [
                "id", "created_at", "updated_at", "relation_number", "initials", "given_name",
                "surname_prefix", "surname", "date_of_birth", "search_name",
            ],
        )  # fmt: skip
        self.tenancies = CopyStream(
            gen.dsn,
            "contacts_tenancy",
            [
                "id", "created_at", "updated_at", "contract_number", "start_date", "end_date",
                "person_id", "role_id", "unit_id",
            ],
        )  # fmt: skip
        self.phones = CopyStream(
            gen.dsn,
            "contacts_phonenumber",
            ["id", "created_at", "updated_at", "is_preferred", "number", "kind", "person_id"],
        )
        self.emails = CopyStream(
            gen.dsn,
            "contacts_emailaddress",
            ["id", "created_at", "updated_at", "is_preferred", "address", "kind", "person_id"],
        )
        self.huu, self.mdh = gen.role_ids["HUU"], gen.role_ids["MDH"]
        # per person: (team id, unit id, first contact day, last contact day)
        gen.person_team, gen.person_unit = [None], [None]
        gen.person_window = [(0, 0)]
        gen.person_kind = [None]
        self.counters = {"person": 0, "tenancy": 0, "contract": 0, "phone": 0, "email": 0}
        gen.phone_numbers = []  # (number, person) for the lookup benchmark's own use

    def run(self):
        gen, rng, counters = self.gen, self.rng, self.counters
        # Expected persons per unit: 1 + 0.3 co-tenant + p_prev earlier tenants; the rest of
        # the persons (about an eighth) have no tenancy.
        budget = self.n_persons * 0.87 / max(1, gen.n_units)
        p_prev = max(0.0, min(0.9, budget - 1.3))
        for unit in range(1, gen.n_units + 1):
            if counters["person"] >= self.n_persons:
                break
            self.household(unit, p_prev)
        while counters["person"] < self.n_persons:
            team = rng.choice(gen.teams)
            self.new_person(team, None, (0, self.clock.days - 1), "other")
        gen.n_persons = counters["person"]
        for stream in (self.persons, self.tenancies, self.phones, self.emails):
            gen.step(f"{stream.table} (COPY)", *stream.close())

    def household(self, unit, p_prev):
        """A unit's current tenant, perhaps an earlier one before and a co-tenant beside."""
        rng, clock, counters = self.rng, self.clock, self.counters
        first_day = clock.dates[0]
        team = self.gen.unit_team[unit - 1]
        start = clock.until - datetime.timedelta(days=int(rng.expovariate(1 / 3000)) + 30)
        if rng.random() < p_prev:
            prev_end = start - datetime.timedelta(days=1)
            prev_start = prev_end - datetime.timedelta(days=rng.randint(365, 9000))
            counters["contract"] += 1
            pid, _ = self.new_person(
                team, unit, (clock.index(prev_start), clock.index(prev_end)), "former"
            )
            self.tenancy(
                f"HC-{counters['contract']:06d}", prev_start, prev_end, pid, self.huu, unit
            )
            if prev_end < first_day:  # no contacts in the period
                self.gen.person_window[pid] = (1, 0)
        counters["contract"] += 1
        contract = f"HC-{counters['contract']:06d}"
        pid, landline = self.new_person(team, unit, (clock.index(start), clock.days - 1), "tenant")
        self.tenancy(contract, start, None, pid, self.huu, unit)
        if rng.random() < 0.3 and counters["person"] < self.n_persons:
            co_start = start + datetime.timedelta(days=rng.choice([0, 0, rng.randint(1, 2000)]))
            co_start = min(co_start, clock.until)
            co_end = None
            if rng.random() < 0.15 and co_start < clock.until - datetime.timedelta(days=2):
                co_end = co_start + datetime.timedelta(
                    days=rng.randint(1, (clock.until - co_start).days)
                )
            cid, _ = self.new_person(
                team,
                unit,
                (clock.index(co_start), clock.index(co_end) if co_end else clock.days - 1),
                "co-tenant",
                household_phone=landline,
            )
            self.tenancy(contract, co_start, co_end, cid, self.mdh, unit)

    def new_person(self, team, unit, window, kind, household_phone=None):
        """Write a person with their phone numbers and e-mail address; return the person's id
        and their landline (for a co-tenant to share), if any."""
        gen, now, counters = self.gen, self.now, self.counters
        counters["person"] += 1
        pid = counters["person"]
        prefix, surname, given, initials, born, search_name = gen.person_row(pid)
        self.persons.row(
            pid, now, now, f"R{pid:07d}", initials, given, prefix, surname, born, search_name
        )
        gen.person_team.append(team)
        gen.person_unit.append(unit)
        gen.person_window.append(window)
        gen.person_kind.append(kind)
        numbers = self.write_phones(pid, household_phone)
        self.write_email(pid, given, initials, prefix, surname)
        return pid, (numbers[-1][1] if numbers and numbers[-1][0] == "home" else None)

    def write_phones(self, pid, household_phone):
        rng, now, counters = self.rng, self.now, self.counters
        numbers = []
        if rng.random() < 0.85:
            numbers.append(("mobile", f"+316{rng.randint(10_000_000, 99_999_999)}"))
        if household_phone and rng.random() < 0.6:
            numbers.append(("home", household_phone))
        elif rng.random() < 0.2:
            area = rng.choice(LANDLINE_AREAS)
            digits = 9 - len(area)
            numbers.append(("home", f"+31{area}{rng.randint(10 ** (digits - 1), 10**digits - 1)}"))
        seen = set()
        for i, (kind_, number) in enumerate(numbers):
            if number in seen:
                continue
            seen.add(number)
            counters["phone"] += 1
            self.phones.row(counters["phone"], now, now, "t" if i == 0 else "f", number, kind_, pid)
        return numbers

    def write_email(self, pid, given, initials, prefix, surname):
        rng, now, counters = self.rng, self.now, self.counters
        if rng.random() < 0.6:
            first = fold(given or initials).replace(" ", "")[:12] or "info"
            last = fold(f"{prefix}{surname}").replace(" ", "")
            local = rng.choice(
                [f"{first}.{last}", f"{first[0]}{last}", f"{last}{rng.randint(1, 99)}"]
            )
            if rng.random() < 0.4:
                local += str(rng.randint(50, 2005))
            counters["email"] += 1
            self.emails.row(
                counters["email"], now, now, "t",
                f"{local}@{pick_weighted(rng, MAIL_DOMAINS)}", "private", pid,
            )  # fmt: skip

    def tenancy(self, contract, start, end, pid, role, unit):
        self.counters["tenancy"] += 1
        self.tenancies.row(
            self.counters["tenancy"], self.now, self.now, contract, start.isoformat(),
            end.isoformat() if end else None, pid, role, unit,
        )  # fmt: skip
