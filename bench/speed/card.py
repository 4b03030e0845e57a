"""The customer card benchmark: GET /klanten/<id>/ through Django's test Client as the
benchmark employee of the person's team, for the persons with the longest timelines and for
random tenants, against the plain SQL of the same page; and the number of queries per card."""

import statistics

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from access import policy

from .plain_sql import raw_card
from .report import report, timed


def bench_card(data, raw, samples, explain=False):
    print(f"\ncustomer card (GET /klanten/<id>/, test Client, {samples} samples per set)")
    long_ids = data.long_timelines(max(50, samples // 4))
    random_ids = data.random_tenants(samples)
    teams = data.person_team(long_ids + random_ids)
    counts = dict(
        raw.execute(
            "SELECT person_id, count(*) FROM contacts_contactmoment WHERE person_id = ANY(%s) "
            "GROUP BY person_id",
            [long_ids],
        ).fetchall()
    )
    lengths = sorted(counts.values())
    print(
        f"  long timelines: the {len(long_ids)} persons with most contacts "
        f"({lengths[0]}-{lengths[-1]} contact moments, median {statistics.median(lengths):.0f})"
    )
    clients = {}

    def client_for(user):
        if user.pk not in clients:
            client = Client()
            client.force_login(user)
            clients[user.pk] = client
        return clients[user.pk]

    results = {}
    cur = raw.cursor()
    for label, ids in (("long timeline", long_ids), ("random tenant", random_ids)):
        seq = [data.rng.choice(ids) for _ in range(samples)]
        app_times, raw_times = [], []
        for warm in (True, False):
            for person_id in seq[:20] if warm else seq:
                user = data.user_for(person_id, teams)
                client = client_for(user)
                url = reverse("contacts:card", args=[person_id])
                team_ids = policy.team_ids(user)
                ms, response = timed(lambda client=client, url=url: client.get(url))
                assert response.status_code == 200, (response.status_code, url)
                raw_ms, _ = timed(
                    lambda p=person_id, u=user.pk, t=team_ids: raw_card(
                        cur, p, u, t, data.view_person
                    )
                )
                if not warm:
                    app_times.append(ms)
                    raw_times.append(raw_ms)
        results[label] = report(
            f"card, {label}", app_times, raw_times, "bar: p95 <= 50 ms, ratio <= 3"
        )
    person_id = long_ids[0]
    user = data.user_for(person_id, teams)
    client = client_for(user)
    url = reverse("contacts:card", args=[person_id])
    for page in (1, 50):
        with CaptureQueriesContext(connection) as captured:
            client.get(f"{url}?pagina={page}")
        print(f"  queries per card (page {page}, {counts[person_id]} contacts): "
              f"{len(captured.captured_queries)}")  # fmt: skip
        if explain and page == 1:
            for q in captured.captured_queries:
                print(f"    {float(q['time']) * 1000:6.2f} ms  {' '.join(q['sql'].split())[:160]}")
    reset_queries()
    return results
