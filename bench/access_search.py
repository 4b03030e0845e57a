"""Permission-filtered person search against the same search without the filter, and the cost
of writing one read-access record. Issue "access control", performance part.

    createdb -h 127.0.0.1 -U postgres kc_access_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_access_bench
    .venv/bin/python manage.py migrate --noinput
    .venv/bin/python bench/access_search.py               # 200,000 persons in 50 teams

Generates (once, reproducibly from --seed) 50 teams, 100,000 units, 200,000 persons with a
tenancy each and one employee per team with involvement grants on 300 persons elsewhere; then
runs --queries name searches (the way staff type them) through ``contacts.selectors.search_persons``
(scope filter: team EXISTS + involvement EXISTS on guardian's direct table) and through the same
query without the filter, in the same run, and prints median and p95 of both and their ratio.
Then writes --writes access-log records through ``audit.services.log_access`` and prints the
median and p95 time of one write. Bars: filtered within 2x of unfiltered; logging < 2 ms median.
Writes to the database: use one of its own (its name must contain "bench", or pass --force).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from accounts import roles  # noqa: E402
from accounts.models import Team, User  # noqa: E402
from accounts.services import add_team_member, assign_role, create_team  # noqa: E402
from audit.models import AccessLogEntry  # noqa: E402
from audit.services import log_access  # noqa: E402
from contacts import selectors  # noqa: E402
from contacts.models import Person, PersonUserObjectPermission, Tenancy, Unit  # noqa: E402
from contacts.normalise import person_search_name  # noqa: E402
from referencedata.models import CodeList, ReferenceCode  # noqa: E402

SURNAMES = (
    "Jansen", "Vries", "Berg", "Bakker", "Visser", "Smit", "Meijer", "Boer", "Mulder", "Groot",
    "Bos", "Vos", "Peters", "Hendriks", "Leeuwen", "Dekker", "Brouwer", "Wit", "Dijkstra",
    "Smits", "Graaf", "Meer", "Linden", "Kok", "Jacobs", "Haan", "Vermeulen", "Heuvel", "Veen",
    "Broek", "Bruijn", "Jong", "Willems", "Schouten", "Dijk", "Hoekstra", "Prins", "Koster",
    "Bosman", "Huisman", "Kuipers", "Verhoeven", "Postma", "Wouters", "Kramer", "Maas", "Jonker",
    "Sanders", "Veenstra", "Yilmaz", "El Amrani", "Demir", "Kaya", "Bouzid", "Ramdin", "Nguyen",
    "Pinas", "Kortenhoeven", "Scheepstra", "Wijnands",
)  # fmt: skip
GIVEN = (
    "Jan", "Piet", "Anna", "Fatima", "Mohammed", "Sanne", "Lotte", "Daan", "Emma", "Noah", "Sem",
    "Julia", "Mila", "Tess", "Lucas", "Finn", "Sara", "Eva", "Liam", "Ayoub", "Yara", "Bram",
    "Ingrid", "Kees", "Wim", "Ria", "Henk", "Marieke", "Joost", "Ilse",
)  # fmt: skip
PREFIXES = ("", "", "", "", "van", "de", "van der", "van den", "ter")


# Long: the data set in one pass, persons then their tenancies, numbers and grants, so that one
# seed always draws the same data.
def generate(seed: int, persons: int, teams: int) -> None:
    rng = random.Random(seed)  # noqa: S311
    if Person.objects.count() >= persons:
        print(f"data present: {Person.objects.count()} persons")
        return
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    started = time.perf_counter()
    team_objs = [
        Team.objects.filter(code=f"wijk-{i:02d}").first()
        or create_team(name=f"Wijk {i:02d}", code=f"wijk-{i:02d}")
        for i in range(teams)
    ]
    units_per_team = persons // 2 // teams
    units = [
        Unit(
            unit_number=f"B-{t:02d}-{u:05d}",
            street=f"Straat {u // 40}",
            house_number=u % 40 + 1,
            postcode=f"{1000 + t * 100 + u // 400:04d}{chr(65 + u % 26)}{chr(65 + (u // 26) % 26)}",
            town=f"Wijk {t:02d}",
            team=team,
        )
        for t, team in enumerate(team_objs)
        for u in range(units_per_team)
    ]
    with transaction.atomic():
        Unit.objects.bulk_create(units, batch_size=5000)
        batch = []
        for i in range(persons):
            surname = rng.choice(SURNAMES)
            prefix = rng.choice(PREFIXES)
            given = rng.choice(GIVEN)
            batch.append(
                Person(
                    relation_number=f"B{i:08d}",
                    given_name=given,
                    initials=f"{given[0]}.",
                    surname_prefix=prefix,
                    surname=surname,
                    search_name=person_search_name(
                        surname=surname,
                        surname_prefix=prefix,
                        given_name=given,
                        initials=f"{given[0]}.",
                    ),
                )
            )
        Person.objects.bulk_create(batch, batch_size=5000)
        person_ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        unit_ids = list(Unit.objects.order_by("pk").values_list("pk", flat=True))
        Tenancy.objects.bulk_create(
            [
                Tenancy(
                    contract_number=f"BC-{i:08d}",
                    unit_id=unit_ids[i // 2 % len(unit_ids)],
                    person_id=person_id,
                    role=huu,
                    start_date="2015-01-01",
                )
                for i, person_id in enumerate(person_ids)
            ],
            batch_size=5000,
        )
        view = Permission.objects.get(content_type__app_label="contacts", codename="view_person")
        grants = []
        for t, team in enumerate(team_objs):
            user, _ = User.objects.get_or_create(username=f"bench-{t:02d}")
            assign_role(user, roles.EMPLOYEE)
            add_team_member(team, user)
            for person_id in rng.sample(person_ids, 300):
                grants.append(
                    PersonUserObjectPermission(
                        user=user, content_object_id=person_id, permission=view
                    )
                )
        PersonUserObjectPermission.objects.bulk_create(
            grants, batch_size=5000, ignore_conflicts=True
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated {persons} persons in {teams} teams in {time.perf_counter() - started:.1f} s")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(function, repeat: int = 1):
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - started) * 1000 / repeat


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--writes", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    if "bench" not in str(name) and not args.force:
        sys.exit(f"refusing to write into database {name!r}: use one whose name contains 'bench'")
    print(f"database: {connection.vendor} {name}")
    generate(args.seed, args.persons, args.teams)

    rng = random.Random(args.seed + 1)  # noqa: S311
    users = list(User.objects.filter(username__startswith="bench-").order_by("username"))
    queries = []
    for _ in range(args.queries):
        surname = rng.choice(SURNAMES).lower()
        kind = rng.random()
        queries.append(
            surname[:4]
            if kind < 0.4
            else surname
            if kind < 0.8
            else f"{rng.choice(GIVEN).lower()} {surname}"
        )

    def unfiltered(raw):
        query = selectors.parse_query(raw)
        persons = Person.objects.filter(selectors.search_filter(query)).order_by(
            *selectors.SEARCH_ORDER
        )
        return list(selectors.with_card_summary(persons)[: selectors.SEARCH_LIMIT])

    def filtered(user, raw):
        return selectors.search_persons(user, raw)[1]

    for raw in queries[:20]:  # warm-up
        unfiltered(raw)
        filtered(users[0], raw)
    plain, scoped = [], []
    for index, raw in enumerate(queries):
        user = users[index % len(users)]
        plain.append(timed(lambda raw=raw: unfiltered(raw)))
        scoped.append(timed(lambda user=user, raw=raw: filtered(user, raw)))
    p_med, p_95 = statistics.median(plain), percentile(plain, 0.95)
    s_med, s_95 = statistics.median(scoped), percentile(scoped, 0.95)
    print(f"person search, {len(queries)} queries, 25 results max")
    print(f"  without permission filter: median {p_med:.2f} ms, p95 {p_95:.2f} ms")
    print(f"  with permission filter:    median {s_med:.2f} ms, p95 {s_95:.2f} ms")
    print(
        f"  ratio filtered/unfiltered: median {s_med / p_med:.2f}, p95 {s_95 / p_95:.2f} (bar <= 2)"
    )

    request = RequestFactory().get("/klanten/1/")
    request.user = users[0]
    person_ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[: args.writes])
    writes = []
    for person_id in person_ids:
        writes.append(
            timed(
                lambda person_id=person_id: log_access(
                    request,
                    person_id=person_id,
                    what=AccessLogEntry.What.CARD,
                    grant=AccessLogEntry.Grant.TEAM,
                )
            )
        )
    print(f"access-log write, {len(writes)} records (autocommit, one INSERT each)")
    print(
        f"  median {statistics.median(writes):.3f} ms, "
        f"p95 {percentile(writes, 0.95):.3f} ms (bar < 2 ms median)"
    )


if __name__ == "__main__":
    main()
