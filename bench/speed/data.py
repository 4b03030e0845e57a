"""The samples the benchmarks draw from the generated data set (reproducible from ``--seed``):
the benchmark employee of each team, persons with the longest timelines, random tenants, their
preferred phone numbers."""

import random

from accounts.models import User


def fresh(user):
    """The user as a new request sees it: without the team ids an earlier call cached on it."""
    user.__dict__.pop("_klantcontact_team_ids", None)
    return user


class Data:
    """Samples drawn from the generated data set."""

    def __init__(self, raw, seed: int):
        self.raw = raw
        self.rng = random.Random(seed)  # noqa: S311
        self.view_person = raw.execute(
            "SELECT p.id FROM auth_permission p JOIN django_content_type ct "
            "ON ct.id = p.content_type_id WHERE ct.app_label = 'contacts' "
            "AND p.codename = 'view_person'"
        ).fetchone()[0]
        # One benchmark employee per team (generate.py names them scale-NN).
        self.team_user = {}
        for team_id, user_id in raw.execute(
            """
            SELECT t.id, u.id FROM accounts_team t
            JOIN accounts_user_groups g ON g.group_id = t.member_group_id
            JOIN accounts_user u ON u.id = g.user_id AND u.username LIKE 'scale-%%'
            """
        ):
            self.team_user[team_id] = user_id
        self.users = {u.pk: u for u in User.objects.filter(pk__in=self.team_user.values())}

    def person_team(self, person_ids):
        rows = self.raw.execute(
            """
            SELECT DISTINCT ON (t.person_id) t.person_id, u.team_id FROM contacts_tenancy t
            JOIN contacts_unit u ON u.id = t.unit_id WHERE t.person_id = ANY(%s)
            ORDER BY t.person_id, t.end_date DESC NULLS FIRST
            """,
            [list(person_ids)],
        )
        return dict(rows.fetchall())

    def long_timelines(self, n):
        rows = self.raw.execute(
            """
            SELECT c.person_id FROM contacts_contactmoment c
            JOIN contacts_tenancy t ON t.person_id = c.person_id
            GROUP BY c.person_id ORDER BY count(*) DESC LIMIT %s
            """,
            [n],
        ).fetchall()
        return [r[0] for r in rows]

    def random_tenants(self, n):
        top = self.raw.execute("SELECT max(id) FROM contacts_person").fetchone()[0]
        found = []
        while len(found) < n:
            ids = [self.rng.randint(1, top) for _ in range(n * 2)]
            teams = self.person_team(ids)
            found.extend(pid for pid in ids if pid in teams)
        return found[:n]

    def user_for(self, person_id, teams, foreign_share=0.0):
        team = teams[person_id]
        if self.rng.random() < foreign_share:
            team = self.rng.choice([t for t in self.team_user if t != team])
        return self.users[self.team_user[team]]


def preferred_numbers(raw, ids) -> dict:
    rows = raw.execute(
        "SELECT DISTINCT ON (person_id) person_id, number FROM contacts_phonenumber "
        "WHERE person_id = ANY(%s) ORDER BY person_id, is_preferred DESC",
        [ids],
    )
    return dict(rows.fetchall())
