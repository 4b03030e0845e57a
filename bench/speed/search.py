"""The person search benchmark: ``contacts.selectors.search_persons`` for what staff type
(names in several forms, postcode + house number, phone, e-mail, contract and relation
number), 30% by an employee of another team; the same search without the permission filter;
plain SQL; the search page; with ``--explain`` the plans of the slowest searches."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from access import policy
from contacts import selectors
from contacts.models import Person
from contacts.normalise import fold

from .data import fresh, preferred_numbers
from .plain_sql import raw_search
from .report import report, timed


def make_queries(data, n):
    """What staff type: names in several forms, addresses, numbers."""
    raw = data.raw
    ids = data.random_tenants(n)
    persons = {
        row[0]: row
        for row in raw.execute(
            "SELECT id, initials, given_name, surname_prefix, surname, relation_number "
            "FROM contacts_person WHERE id = ANY(%s)",
            [ids],
        )
    }
    phones = preferred_numbers(raw, ids)
    mails = dict(raw.execute(
        "SELECT person_id, address FROM contacts_emailaddress WHERE person_id = ANY(%s)",
        [ids]).fetchall())  # fmt: skip
    homes = {
        row[0]: row[1:]
        for row in raw.execute(
            "SELECT DISTINCT ON (t.person_id) t.person_id, u.postcode, u.house_number, "
            "u.house_number_addition, t.contract_number FROM contacts_tenancy t "
            "JOIN contacts_unit u ON u.id = t.unit_id WHERE t.person_id = ANY(%s) "
            "ORDER BY t.person_id, t.end_date DESC NULLS FIRST",
            [ids],
        )
    }
    rng = data.rng
    queries = []
    for pid in ids:
        _id, initials, given, prefix, surname, relation = persons[pid]
        kind = rng.random()
        if kind < 0.2:
            text = surname
        elif kind < 0.35:
            text = fold(surname)[:4]
        elif kind < 0.45:
            text = f"{prefix} {surname}".strip()
        elif kind < 0.55:
            text = f"{given or initials} {surname}"
        elif kind < 0.6:
            text = fold(f"{surname} {given}")  # typed without accents
        elif kind < 0.7 and pid in homes:
            pc, nr, add, _contract = homes[pid]
            text = f"{pc[:4]} {pc[4:].lower()} {nr}{(' ' + add) if add else ''}"
        elif kind < 0.8 and pid in phones:
            number = phones[pid]
            text = rng.choice([number, "0" + number[3:], "0031 " + number[3:]])
        elif kind < 0.87 and pid in mails:
            text = mails[pid].upper() if rng.random() < 0.2 else mails[pid]
        elif kind < 0.94 and pid in homes:
            text = homes[pid][3].lower().replace("-", "")
        else:
            text = relation
        queries.append((pid, text))
    return queries


def unfiltered(text):
    """The same search without the permission filter."""
    query = selectors.parse_query(text)
    condition = selectors.search_filter(query)
    persons = Person.objects.filter(condition).order_by(*selectors.SEARCH_ORDER)
    return list(selectors.with_card_summary(persons)[: selectors.SEARCH_LIMIT])


def bench_search(data, raw, samples, explain=False):
    print(f"\nperson search ({samples} queries: names, addresses, numbers, e-mail)")
    queries = make_queries(data, samples)
    teams = data.person_team([pid for pid, _q in queries])
    rows = []
    for pid, text in queries:
        user = data.user_for(pid, teams, foreign_share=0.3)
        rows.append((user, text, selectors.parse_query(text)))
    kinds = {}
    for _u, _t, q in rows:
        kinds[q.kind] = kinds.get(q.kind, 0) + 1
    print(f"  query kinds: {dict(sorted(kinds.items()))}")

    times = time_searches(data, raw, rows)
    s_med, s_95 = report("search_persons (with permission filter)", times["scoped"],
                         times["sql"], "bar: p95 <= 30 ms")  # fmt: skip
    p_med, p_95 = report("same search without permission filter", times["plain"],
                         times["sql_plain"])  # fmt: skip
    print(f"  ratio filtered/unfiltered: median {s_med / p_med:.2f}, p95 {s_95 / p_95:.2f} "
          "(bar <= 2)")  # fmt: skip
    n_med, n_95 = report("name searches only, with filter", times["names_scoped"])
    u_med, u_95 = report("name searches only, without filter", times["names_plain"])
    print(f"  ratio filtered/unfiltered (names): median {n_med / u_med:.2f}, "
          f"p95 {n_95 / u_95:.2f}")  # fmt: skip

    time_search_page(rows)
    if explain:
        explain_slowest(times["scoped"], rows)


def time_searches(data, raw, rows):
    """Each search after a warm-up round, with and without the permission filter and in plain
    SQL with and without the scope check; checked to return exactly the plain SQL's rows.
    Returns the times (ms) per way, and for the name searches apart."""
    cur = raw.cursor()
    times = {
        key: [] for key in ("scoped", "plain", "sql", "sql_plain", "names_scoped", "names_plain")
    }
    hits = 0
    for warm in (True, False):
        for user, text, query in rows[:20] if warm else rows:
            team_ids = policy.team_ids(user)
            ms, (_q, found) = timed(lambda u=user, t=text: selectors.search_persons(fresh(u), t))
            ms_plain, _ = timed(lambda t=text: unfiltered(t))
            ms_sql, found_sql = timed(
                lambda q=query, u=user, t=team_ids: raw_search(cur, q, u.pk, t, data.view_person)
            )
            ms_sql_plain, _ = timed(
                lambda q=query, u=user, t=team_ids: raw_search(
                    cur, q, u.pk, t, data.view_person, scoped=False
                )
            )
            if warm:
                continue
            assert [p.pk for p in found] == [r[0] for r in found_sql], (text, query)
            hits += bool(found)
            times["scoped"].append(ms)
            times["plain"].append(ms_plain)
            times["sql"].append(ms_sql)
            times["sql_plain"].append(ms_sql_plain)
            if query.kind == "name":
                times["names_scoped"].append(ms)
                times["names_plain"].append(ms_plain)
    print(f"  queries with results in scope: {hits}/{len(rows)}")
    return times


def time_search_page(rows):
    """The page itself: view, template and the result logging (one bulk insert)."""
    clients = {}
    page = []
    for warm in (True, False):
        for user, text, _query in rows[:20] if warm else rows[: max(50, len(rows) // 2)]:
            if user.pk not in clients:
                clients[user.pk] = Client()
                clients[user.pk].force_login(user)
            ms, response = timed(
                lambda c=clients[user.pk], t=text: c.get(reverse("contacts:search"), {"q": t})
            )
            assert response.status_code == 200
            if not warm:
                page.append(ms)
    report("search page (GET /klanten/?q=, test Client)", page)


def explain_slowest(scoped, rows):
    """EXPLAIN (ANALYZE, BUFFERS) of the first query of the five slowest searches."""
    slow = sorted(zip(scoped, rows, strict=True), key=lambda item: -item[0])[:5]
    for ms, (user, text, _q) in slow:
        print(f"  slowest: {ms:.1f} ms {text!r} (user {user.username})")
        with CaptureQueriesContext(connection) as captured:
            selectors.search_persons(user, text)
        with connection.cursor() as c:
            c.execute("EXPLAIN (ANALYZE, BUFFERS) " + captured.captured_queries[0]["sql"])
            print("\n".join("      " + r[0] for r in c.fetchall()))
