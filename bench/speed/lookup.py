"""The caller lookup benchmark: ``contacts.selectors.lookup_caller`` with numbers the way
telephony delivers them (+316..., 06-..., 0031 ...), 10% unknown, against plain SQL; and the
JSON endpoint telephony calls."""

from django.test import Client
from django.urls import reverse

from access import policy
from contacts import selectors

from .data import fresh, preferred_numbers
from .plain_sql import raw_search
from .report import report, timed


def bench_lookup(data, raw, samples):
    print(f"\ncaller lookup ({samples} calls, 10% unknown numbers)")
    ids = data.random_tenants(samples)
    numbers = preferred_numbers(raw, ids)
    ids = [pid for pid in ids if pid in numbers]
    teams = data.person_team(ids)
    rng = data.rng
    calls = []
    for pid in ids:
        number = numbers[pid] if rng.random() > 0.1 else f"+316{rng.randint(10**7, 10**8 - 1)}"
        local = "0" + number[3:]
        shown = rng.choice([number, f"{local[:2]}-{local[2:]}", f"0031 {number[3:]}", local])
        calls.append((data.user_for(pid, teams, foreign_share=0.1), shown))
    cur = raw.cursor()
    app, sql = [], []
    found_any = 0
    for warm in (True, False):
        for user, shown in calls[:20] if warm else calls:
            team_ids = policy.team_ids(user)
            ms, (number, _error, persons) = timed(
                lambda u=user, s=shown: selectors.lookup_caller(fresh(u), s)
            )
            query = selectors.SearchQuery("phone", number)
            ms_sql, rows = timed(
                lambda q=query, u=user, t=team_ids: raw_search(cur, q, u.pk, t, data.view_person)
            )
            if warm:
                continue
            assert [p.pk for p in persons] == [r[0] for r in rows]
            found_any += bool(persons)
            app.append(ms)
            sql.append(ms_sql)
    print(f"  calls with a match in scope: {found_any}/{len(calls)}")
    report("lookup_caller", app, sql, "bar: p95 <= 10 ms")
    client = Client()
    user = calls[0][0]
    client.force_login(user)
    page = []
    for warm in (True, False):
        for _user, shown in calls[:20] if warm else calls[: max(50, len(calls) // 2)]:
            ms, response = timed(
                lambda s=shown: client.get(reverse("contacts:lookup_json"), {"phone": s})
            )
            assert response.status_code == 200
            if not warm:
                page.append(ms)
    report("lookup JSON for telephony (test Client)", page)
