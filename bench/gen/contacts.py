"""Five years of contact moments day by day, skewed per person, with the follow-up tasks and
their events, the access-log reads (tied to a contact or not), break-the-glass grants, and
the involvement grants the access policy reads."""

import bisect
import datetime
import time
from itertools import accumulate

from .bulk import CopyStream
from .phrases import (
    ACCESS_WHAT,
    ACTIONS,
    CHANNELS,
    CLOSING,
    DAYPARTS,
    DEFECT_WORDS,
    IMPROVEMENTS,
    NOTES,
    ROOMS,
    SUBJECTS,
    TASK_KIND,
    TASK_OUTCOMES,
)


class Contacts:
    """The Generator's contacts and involvement-grant steps."""

    def contacts_and_reads(self, involvement: set):
        ContactLoad(self, involvement).run()

    def involvement_grants(self, involvement: set):
        stream = CopyStream(
            self.dsn,
            "contacts_personuserobjectpermission",
            ["id", "content_object_id", "permission_id", "user_id"],
        )
        for gid, (user, person) in enumerate(sorted(involvement), start=1):
            stream.row(gid, person, self.view_person, user)
        self.step("involvement grants (guardian, COPY)", *stream.close())


class ContactLoad:
    """The contacts step: its COPY streams, its id counters and the weights it draws with.
    Adds (employee, person) to the involvement set for every handler and assignee."""

    def __init__(self, gen, involvement: set):
        self.gen = gen
        self.rng = gen.rng
        self.clock = gen.clock
        self.involvement = involvement
        self.n_persons = gen.n_persons
        self.person_window = gen.person_window
        n_contacts = gen.n["contacts"]
        self.cumulative, self.total = self.person_weights()
        self.day_weights, self.per_day = self.contacts_per_day(n_contacts)
        tied_reads = 1.6  # reads per contact that belong to it (card view, search result)
        free_reads = max(0, gen.n["access"] - int(n_contacts * 0.97 * tied_reads))
        self.read_scale = free_reads / sum(self.day_weights)

        channels = [(gen.channel_ids[c], share, inbound) for c, share, inbound in CHANNELS]
        self.channel_choice = list(channels)
        self.channel_weights = list(accumulate(share for _c, share, _i in channels))
        self.digital = (gen.channel_ids["EMA"], gen.channel_ids["INT"], gen.channel_ids["APP"])
        subjects = [(code, share) for code, (share, _t) in SUBJECTS.items()]
        self.subject_codes = [c for c, _s in subjects]
        self.subject_weights = list(accumulate(s for _c, s in subjects))
        self.task_share = min(0.9, gen.n["tasks"] / max(1, n_contacts * 0.97))
        task_outcomes = list(TASK_OUTCOMES.items())
        self.what_values = [w for w, _s in ACCESS_WHAT]
        self.what_weights = list(accumulate(s for _w, s in ACCESS_WHAT))
        self.task_outcome_values = [o for o, _w in task_outcomes]
        self.task_outcome_weights = list(accumulate(w for _o, w in task_outcomes))
        self.employees_of = gen.employees
        self.all_employees = gen.all_employees
        self.team_of_employee = {u: t for t, users in gen.employees.items() for u in users}
        self.fill = {
            "room": ROOMS, "defect_word": DEFECT_WORDS, "improvement": IMPROVEMENTS,
            "daypart": DAYPARTS,
        }  # fmt: skip
        self.open_streams()
        self.cid = self.tid = self.eid = self.aid = self.gid = 0
        self.last_day = gen.clock.days - 1

    def person_weights(self):
        """Per-person contact weight: log-normal, plus a few very frequent callers; returned
        cumulative, with the total."""
        rng = self.rng
        weights = [0.0]
        for p in range(1, self.n_persons + 1):
            kind = self.gen.person_kind[p]
            w = rng.lognormvariate(0, 1.0) * (0.15 if kind == "other" else 1.0)
            if rng.random() < 0.0005:
                w *= 60  # the tenant who calls every other day
            weights.append(w)
        cumulative = []
        total = 0.0
        for w in weights:
            total += w
            cumulative.append(total)
        return cumulative, total

    def contacts_per_day(self, n_contacts):
        """Contacts per day: weekdays, growing 5% a year, quiet in summer and at Christmas."""
        clock = self.clock
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
        for i in self.rng.sample(range(clock.days), n_contacts - sum(per_day)):
            per_day[i] += 1
        return day_weights, per_day

    def open_streams(self):
        dsn = self.gen.dsn
        self.contacts = CopyStream(
            dsn,
            "contacts_contactmoment",
            [
                "id", "direction", "occurred_at", "caller_kind", "summary", "notes", "outcome",
                "created_at", "channel_id", "defect_id", "forwarded_to_id", "handled_by_id",
                "person_id", "team_id", "unit_id", "subject_id", "mandate_id",
            ],
        )  # fmt: skip
        self.tasks = CopyStream(
            dsn,
            "contacts_task",
            [
                "id", "requested_action", "due_date", "status", "closing_note", "closed_at",
                "created_at", "assigned_team_id", "assigned_to_id", "closed_by_id",
                "contact_moment_id", "created_by_id", "kind_id", "person_id",
            ],
        )  # fmt: skip
        self.events = CopyStream(
            dsn, "contacts_taskevent", ["id", "kind", "at", "note", "by_id", "person_id",
                                        "task_id"]
        )  # fmt: skip
        self.reads = CopyStream(
            dsn,
            "audit_accesslogentry",
            ["id", "person_id", "what", "object_id", '"grant"', "reason", "at", "remote_addr",
             "actor_id"],
        )  # fmt: skip
        self.glass = CopyStream(
            dsn,
            "access_breakglassgrant",
            ["id", "employee_id", "person_id", "reason", "explanation", "granted_at",
             "expires_at"],
        )  # fmt: skip

    def draw_person(self, day):
        rng = self.rng
        for _ in range(6):
            p = bisect.bisect_left(self.cumulative, rng.random() * self.total)
            p = min(max(p, 1), self.n_persons)
            low, high = self.person_window[p]
            if low <= day <= high:
                return p
        return None

    def run(self):
        started = time.perf_counter()
        for day in range(self.clock.days):
            for seconds, channel, inbound in self.todays_contacts(day):
                self.contact(day, seconds, channel, inbound)
            self.free_reads(day)
            if day % 365 == 364:
                print(
                    f"    ... year {day // 365 + 1}: {self.cid:,} contacts, {self.tid:,} tasks, "
                    f"{self.aid:,} reads, {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
        for stream in (self.contacts, self.tasks, self.events, self.reads, self.glass):
            self.gen.step(f"{stream.table} (COPY)", *stream.close())

    def todays_contacts(self, day):
        """(seconds, channel, share inbound) of the day's contacts, in the order of the day."""
        rng = self.rng
        todays = []
        for _ in range(self.per_day[day]):
            channel, _share, inbound = rng.choices(
                self.channel_choice, cum_weights=self.channel_weights
            )[0]
            if channel in self.digital and rng.random() < 0.3:
                seconds = rng.randint(0, 86399)
            else:
                seconds = int(rng.triangular(6 * 3600, 16 * 3600 + 1800, 8 * 3600))
            todays.append((seconds, channel, inbound))
        todays.sort(key=lambda item: item[0])
        return todays

    def caller(self, day):
        """Who calls and who answers: (person, team, unit, handler, caller kind, mandate)."""
        rng, gen = self.rng, self.gen
        person = None if rng.random() < 0.02 else self.draw_person(day)
        if person is not None:
            team = gen.person_team[person]
            unit = gen.person_unit[person]
        else:
            team = rng.choice(gen.teams)
            unit = None
        if rng.random() < 0.08:
            handler = rng.choice(self.all_employees)  # another team takes the call
            team = self.team_of_employee[handler]
        else:
            handler = rng.choice(self.employees_of[team])
        caller, mandate = "self", None
        if person is None:
            caller = "other"
        else:
            held = gen.mandate_of.get(person)
            if held and held[1] <= day <= held[2] and rng.random() < 0.3:
                caller, mandate = "representative", held[0]
            elif rng.random() < 0.04:
                caller = "other"
        return person, team, unit, handler, caller, mandate

    def subject(self, person):
        """What the contact is about: (subject code, summary, defect, outcome)."""
        rng = self.rng
        subject = rng.choices(self.subject_codes, cum_weights=self.subject_weights)[0]
        template = rng.choice(SUBJECTS[subject][1])
        summary = template.format(
            days=rng.randint(2, 30),
            dom=rng.choice([1, 8, 15, 25]),
            amount=rng.randint(2, 40) * 50,
            months=rng.randint(3, 12),
            part=rng.randint(3, 20) * 10,
            pct=rng.choice(["3,1", "4,4", "5,8", "6,2"]),
            **{key: rng.choice(values) for key, values in self.fill.items()},
        )
        summary = summary[0].upper() + summary[1:]
        defect = None
        if self.gen.subject_defect[subject] and rng.random() < 0.85:
            defect = rng.choice(self.gen.defect_ids)
        if person is not None and rng.random() < self.task_share:
            outcome = rng.choices(self.task_outcome_values, cum_weights=self.task_outcome_weights)[
                0
            ]
            if subject == "reparatieverzoek" and rng.random() < 0.7:
                outcome = "repair_request"
        else:
            outcome = "answered" if rng.random() < 0.93 else "forwarded"
        return subject, summary, defect, outcome

    def contact(self, day, seconds, channel, inbound):
        """One contact moment, the reads that belong to it and its follow-up, if any."""
        rng, gen, clock = self.rng, self.gen, self.clock
        self.cid += 1
        cid = self.cid
        person, team, unit, handler, caller, mandate = self.caller(day)
        subject, summary, defect, outcome = self.subject(person)
        forwarded = rng.choice(gen.teams) if outcome == "forwarded" else None
        at = clock.at(day, seconds)
        self.contacts.row(
            cid, "in" if rng.random() < inbound else "out", at, caller, summary,
            rng.choice(NOTES) if rng.random() < 0.25 else "", outcome,
            clock.at(day, seconds + rng.randint(60, 900)), channel, defect, forwarded,
            handler, person, team, unit, gen.subject_ids[subject], mandate,
        )  # fmt: skip
        if person is None:
            return
        self.involvement.add((handler, person))
        # The reads that belong to the contact: the card, often found by a search.
        if rng.random() < 0.6:
            self.aid += 1
            self.reads.row(
                self.aid, person, "search_result", None, "team", "",
                clock.at(day, seconds - 30), "10.1.0.7", handler,
            )  # fmt: skip
        self.aid += 1
        grant = "team" if gen.person_team[person] == team else "involvement"
        self.reads.row(self.aid, person, "card", person, grant, "", at, "10.1.0.7", handler)
        if outcome in TASK_KIND:
            self.task(day, seconds, cid, person, team, handler, outcome)

    def task(self, day, seconds, cid, person, team, handler, outcome):
        """The follow-up of a contact whose outcome asks for one, and its events."""
        rng, clock, last_day = self.rng, self.clock, self.last_day
        employees_of = self.employees_of
        self.tid += 1
        tid = self.tid
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
        self.tasks.row(
            tid, rng.choice(ACTIONS[outcome]), due.isoformat(), status, closing or "",
            closed_at, clock.at(day, seconds + 60), team, assignee, closer, cid,
            handler, self.gen.task_kind_ids[TASK_KIND[outcome]], person,
        )  # fmt: skip
        self.event("created", clock.at(day, seconds + 60), "", handler, person)
        if assignee is not None:
            self.involvement.add((assignee, person))
            take_day = min(last_day, day + rng.randint(0, 2))
            if closed_day is not None:
                take_day = min(take_day, closed_day)
            self.event("taken", clock.at(take_day, seconds + 3600), "", assignee, person)
        if rng.random() < 0.05:
            self.event(
                "reassigned", clock.at(day, seconds + 7200), "Doorgezet naar collega.", handler,
                person,
            )  # fmt: skip
        if status == "done":
            self.event("closed", closed_at, closing, closer, person)

    def event(self, kind, at, note, by, person):
        """An event of the task written last."""
        self.eid += 1
        self.events.row(self.eid, kind, at, note, by, person, self.tid)

    def free_reads(self, day):
        """Reads that are not tied to a contact of today: searches, cards, tasks, ..."""
        rng, gen, clock, last_day = self.rng, self.gen, self.clock, self.last_day
        for _ in range(int(self.day_weights[day] * self.read_scale + rng.random())):
            person = self.draw_person(day) or rng.randint(1, self.n_persons)
            team = gen.person_team[person]
            actor = rng.choice(self.employees_of[team])
            what = rng.choices(self.what_values, cum_weights=self.what_weights)[0]
            self.aid += 1
            seconds = int(rng.triangular(6 * 3600, 17 * 3600, 9 * 3600))
            if rng.random() < 0.0002:
                # Break-the-glass: someone outside the team asked for the file.
                actor = rng.choice(self.all_employees)
                self.gid += 1
                self.glass.row(
                    self.gid, actor, person, "caller_on_line", "Huurder aan de balie.",
                    clock.at(day, seconds - 60),
                    f"{clock.iso[min(last_day, day + 1)]} 23:00:00+00"
                    if day < last_day else clock.at(day, 86399),
                )  # fmt: skip
                self.reads.row(
                    self.aid, person, "card", person, "break_the_glass", "Huurder aan de balie.",
                    clock.at(day, seconds), "10.1.0.9", actor,
                )  # fmt: skip
                continue
            self.reads.row(
                self.aid, person, what, person if what == "card" else None, "team", "",
                clock.at(day, seconds), "10.1.0.7", actor,
            )  # fmt: skip
