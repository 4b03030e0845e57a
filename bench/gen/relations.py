"""Mandates and signals: who may act for a tenant (administrators, guardians, written
mandates), and the signals on a person's file with their handlers, whose involvement the
access policy grants."""

import datetime

from .base import pick_weighted
from .bulk import CopyStream
from .phrases import SIGNAL_TEXT


class Relations:
    """The Generator's mandates and signals steps. Sets ``mandate_of`` (represented person ->
    (mandate id, from day, to day)); adds (handler, person) to the involvement set."""

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
