"""Staff's daily paths at scale: customer card, person search, caller lookup, the permission
filter and the access-log write, each against plain SQL that fetches the same data.

    .venv/bin/python bench/generate.py                  # once: the data set (kc_scale)
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_scale
    .venv/bin/python bench/scale_speed.py               # all benchmarks
    .venv/bin/python bench/scale_speed.py --only card --samples 500
    .venv/bin/python bench/scale_speed.py --only search --explain

Runs against the database of ``DATABASE_URL`` (its name must contain "bench" or "scale",
or pass --force); writes only access-log rows (the views log every read) and removes nothing.
Samples random persons, phone numbers and names from the data (reproducible from --seed);
every timed call is preceded by a warm-up round. For each benchmark it prints the median and
p95 of the application path and of plain SQL (a psycopg connection of its own, no ORM) that
fetches the same rows in the same run, and their ratio:

- ``card``: GET /klanten/<id>/ through Django's test Client (the whole middleware stack, the
  real view and template, logged in as an employee of the person's team), for persons with the
  longest timelines and for random persons; plain SQL: the scope check, the access-log insert
  and the statements that read what the card shows (person, contact details, tenancies, valid
  mandates, the first ten open tasks with their count, signals, one timeline page with its
  details). Bars: p95 <= 50 ms, ratio <= 3. Also prints the number of queries per card.
- ``search``: ``contacts.selectors.search_persons`` for names (surname, prefix, with
  tussenvoegsel, given name + surname, without accents), postcode + house number, phone,
  e-mail, contract and relation numbers, by an employee of the person's team (70%) or another
  team (30%); the same search without the permission filter; plain SQL. Bars: p95 <= 30 ms,
  filtered/unfiltered <= 2. The search page (view, with its result logging) is timed too.
- ``lookup``: ``contacts.selectors.lookup_caller`` with numbers as telephony delivers them
  (+316..., 06-..., 0031 ...), 10% unknown; plain SQL. Bar: p95 <= 10 ms.
- ``log``: ``audit.services.log_access`` (autocommit, one INSERT and its commit) and plain
  INSERTs. Bar: median < 2 ms.
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
# Persistent connections, as production runs (the development default opens one per request).
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from access import policy  # noqa: E402
from accounts.models import User  # noqa: E402
from audit.models import AccessLogEntry  # noqa: E402
from audit.services import log_access  # noqa: E402
from contacts import selectors  # noqa: E402
from contacts.models import Person  # noqa: E402
from contacts.normalise import fold  # noqa: E402


def fresh(user):
    """The user as a new request sees it: without the team ids an earlier call cached on it."""
    user.__dict__.pop("_klantcontact_team_ids", None)
    return user


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def figures(values):
    return statistics.median(values), percentile(values, 0.95)


def timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def report(label, app, raw=None, bar=None):
    a_med, a_95 = figures(app)
    line = f"  {label:44} n={len(app):4}  median {a_med:7.2f} ms  p95 {a_95:7.2f} ms"
    if raw is not None:
        r_med, r_95 = figures(raw)
        line += (
            f"  | plain SQL median {r_med:6.2f} p95 {r_95:6.2f}"
            f"  | ratio median {a_med / r_med:5.2f} p95 {a_95 / r_95:5.2f}"
        )
    if bar:
        line += f"  [{bar}]"
    print(line, flush=True)
    return a_med, a_95


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


# --- Plain SQL ----------------------------------------------------------------------------------

SCOPE_SQL = """
    (EXISTS (SELECT 1 FROM contacts_tenancy st JOIN contacts_unit su ON su.id = st.unit_id
             WHERE st.person_id = p.id AND su.team_id = ANY(%(teams)s))
     OR EXISTS (SELECT 1 FROM contacts_personuserobjectpermission g
                WHERE g.content_object_id = p.id AND g.user_id = %(user)s
                  AND g.permission_id = %(perm)s))
"""

TENANCIES_SQL = """
    SELECT t.id, t.person_id, t.contract_number, t.start_date, t.end_date, u.street,
           u.house_number, u.house_number_addition, u.postcode, u.town, r.name
    FROM contacts_tenancy t JOIN contacts_unit u ON u.id = t.unit_id
    JOIN referencedata_referencecode r ON r.id = t.role_id
    WHERE t.person_id = ANY(%s) ORDER BY t.end_date DESC NULLS FIRST, t.start_date DESC
"""


def raw_card(cur, person_id, user_id, teams, perm):
    """The data of one card page in plain SQL (what the view reads and writes)."""
    params = {"teams": teams, "user": user_id, "perm": perm, "person": person_id}
    cur.execute(
        f"SELECT p.id FROM contacts_person p WHERE p.id = %(person)s AND {SCOPE_SQL}",  # noqa: S608
        params,
    )
    assert cur.fetchone() is not None
    cur.execute(  # as audit.services.log_access does outside a transaction
        "WITH a AS (SELECT set_config('synchronous_commit', 'off', true)) "
        'INSERT INTO audit_accesslogentry (actor_id, person_id, what, object_id, "grant", '
        "reason, at, remote_addr) SELECT %s, %s, 'card', %s, 'team', '', now(), '127.0.0.1' "
        "FROM a",
        [user_id, person_id, person_id],
    )
    cur.execute(
        "SELECT id, relation_number, initials, given_name, surname_prefix, surname, "
        "date_of_birth FROM contacts_person WHERE id = %s",
        [person_id],
    )
    cur.fetchall()
    cur.execute("SELECT id, number, kind, is_preferred FROM contacts_phonenumber "
                "WHERE person_id = %s", [person_id])  # fmt: skip
    cur.fetchall()
    cur.execute("SELECT id, address, kind, is_preferred FROM contacts_emailaddress "
                "WHERE person_id = %s", [person_id])  # fmt: skip
    cur.fetchall()
    cur.execute(TENANCIES_SQL, [[person_id]])
    cur.fetchall()
    cur.execute(
        """
        SELECT m.id, m.scope, p.initials, p.given_name, p.surname_prefix, p.surname, r.name
        FROM contacts_mandate m JOIN contacts_person p ON p.id = m.representative_id
        JOIN referencedata_referencecode r ON r.id = m.role_id
        WHERE m.represented_id = %s AND m.valid_from <= current_date
          AND (m.valid_to IS NULL OR m.valid_to >= current_date) ORDER BY p.search_name
        """,
        [person_id],
    )
    cur.fetchall()
    cur.execute(
        """
        SELECT t.id, t.requested_action, t.due_date, t.status, k.name, count(*) OVER ()
        FROM contacts_task t JOIN contacts_taskkind k ON k.id = t.kind_id
        WHERE t.person_id = %s AND NOT t.status = 'done' ORDER BY t.due_date, t.id LIMIT 10
        """,
        [person_id],
    )
    cur.fetchall()
    cur.execute(
        "SELECT s.id, st.card_label FROM contacts_signal s JOIN contacts_signaltype st "
        "ON st.id = s.signal_type_id WHERE s.person_id = %s AND s.ended_on IS NULL "
        "ORDER BY st.name",
        [person_id],
    )
    cur.fetchall()
    cur.execute(
        """
        (SELECT 'contact' AS entry, id, occurred_at AS moment FROM contacts_contactmoment
         WHERE person_id = %(p)s ORDER BY occurred_at DESC, id DESC LIMIT 21)
        UNION ALL
        (SELECT 'task', id, at FROM contacts_taskevent WHERE person_id = %(p)s
         ORDER BY at DESC, id DESC LIMIT 21)
        ORDER BY moment DESC, id DESC LIMIT 21
        """,
        {"p": person_id},
    )
    keys = cur.fetchall()[:20]
    contact_ids = [pk for entry, pk, _m in keys if entry == "contact"]
    event_ids = [pk for entry, pk, _m in keys if entry == "task"]
    cur.execute(
        """
        SELECT c.id, c.occurred_at, c.direction, c.summary, c.notes, c.outcome, c.caller_kind,
               ch.name, s.name, d.name, u.first_name, u.last_name, tm.name, f.name
        FROM contacts_contactmoment c
        JOIN referencedata_referencecode ch ON ch.id = c.channel_id
        JOIN contacts_contactsubject s ON s.id = c.subject_id
        LEFT JOIN referencedata_referencecode d ON d.id = c.defect_id
        LEFT JOIN accounts_user u ON u.id = c.handled_by_id
        JOIN accounts_team tm ON tm.id = c.team_id
        LEFT JOIN accounts_team f ON f.id = c.forwarded_to_id
        WHERE c.id = ANY(%s)
        """,
        [contact_ids],
    )
    cur.fetchall()
    cur.execute(
        """
        SELECT e.id, e.kind, e.at, e.note, t.requested_action, k.name, u.first_name, u.last_name
        FROM contacts_taskevent e JOIN contacts_task t ON t.id = e.task_id
        JOIN contacts_taskkind k ON k.id = t.kind_id
        LEFT JOIN accounts_user u ON u.id = e.by_id
        WHERE e.id = ANY(%s)
        """,
        [event_ids],
    )
    cur.fetchall()


def name_sql(words):
    conditions, params = [], {}
    for i, word in enumerate(words):
        params[f"w{i}"] = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(
            f"(p.search_name LIKE %(w{i})s || '%%' OR p.search_name LIKE '%% ' || %(w{i})s || '%%')"
        )
    return " AND ".join(conditions), params


def raw_search(cur, query, user_id, teams, perm, scoped=True):
    """Persons matching a parsed query (scope-filtered) and their tenancies, in plain SQL."""
    params = {"teams": teams, "user": user_id, "perm": perm}
    if query.kind == "name":
        condition, extra = name_sql(query.value)
        params.update(extra)
    elif query.kind == "phone":
        condition = "p.id IN (SELECT person_id FROM contacts_phonenumber WHERE number = %(v)s)"
        params["v"] = query.value
    elif query.kind == "email":
        condition = (
            "p.id IN (SELECT person_id FROM contacts_emailaddress "
            "WHERE lower(address) = lower(%(v)s))"
        )
        params["v"] = query.value
    elif query.kind == "address":
        postcode, number, addition = query.value
        extra = " AND upper(u.house_number_addition) = upper(%(add)s)" if addition else ""
        condition = (
            (  # noqa: S608 (fixed text; the values are parameters)
                "p.id IN (SELECT t.person_id FROM contacts_tenancy t JOIN contacts_unit u "
                "ON u.id = t.unit_id WHERE u.postcode = %(pc)s AND u.house_number = %(nr)s"
            )
            + extra
            + ")"
        )
        params.update(pc=postcode, nr=number, add=addition)
    elif query.kind == "relation_number":
        condition = "p.relation_number = %(v)s"
        params["v"] = query.value
    elif query.kind == "contract_number":
        condition = "p.id IN (SELECT person_id FROM contacts_tenancy WHERE contract_number = %(v)s)"
        params["v"] = query.value
    else:
        return []
    scope = f" AND {SCOPE_SQL}" if scoped else ""
    cur.execute(
        "SELECT p.id, p.initials, p.given_name, p.surname_prefix, p.surname, p.relation_number "  # noqa: S608
        f"FROM contacts_person p WHERE {condition}{scope} "
        "ORDER BY p.search_name || '', p.id LIMIT 25",
        params,
    )
    persons = cur.fetchall()
    if persons:
        cur.execute(TENANCIES_SQL, [[row[0] for row in persons]])
        cur.fetchall()
    return persons


# --- Benchmarks ---------------------------------------------------------------------------------


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


def preferred_numbers(raw, ids) -> dict:
    rows = raw.execute(
        "SELECT DISTINCT ON (person_id) person_id, number FROM contacts_phonenumber "
        "WHERE person_id = ANY(%s) ORDER BY person_id, is_preferred DESC",
        [ids],
    )
    return dict(rows.fetchall())


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


def bench_search(data, raw, samples, explain=False):
    print(f"\nperson search ({samples} queries: names, addresses, numbers, e-mail)")
    queries = make_queries(data, samples)
    teams = data.person_team([pid for pid, _q in queries])
    cur = raw.cursor()
    rows = []
    for pid, text in queries:
        user = data.user_for(pid, teams, foreign_share=0.3)
        rows.append((user, text, selectors.parse_query(text)))
    kinds = {}
    for _u, _t, q in rows:
        kinds[q.kind] = kinds.get(q.kind, 0) + 1
    print(f"  query kinds: {dict(sorted(kinds.items()))}")

    def unfiltered(text):
        query = selectors.parse_query(text)
        condition = selectors.search_filter(query)
        persons = Person.objects.filter(condition).order_by(*selectors.SEARCH_ORDER)
        return list(selectors.with_card_summary(persons)[: selectors.SEARCH_LIMIT])

    scoped, plain, sql, sql_plain, names_scoped, names_plain = [], [], [], [], [], []
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
            scoped.append(ms)
            plain.append(ms_plain)
            sql.append(ms_sql)
            sql_plain.append(ms_sql_plain)
            if query.kind == "name":
                names_scoped.append(ms)
                names_plain.append(ms_plain)
    print(f"  queries with results in scope: {hits}/{len(rows)}")
    s_med, s_95 = report("search_persons (with permission filter)", scoped, sql,
                         "bar: p95 <= 30 ms")  # fmt: skip
    p_med, p_95 = report("same search without permission filter", plain, sql_plain)
    print(f"  ratio filtered/unfiltered: median {s_med / p_med:.2f}, p95 {s_95 / p_95:.2f} "
          "(bar <= 2)")  # fmt: skip
    n_med, n_95 = report("name searches only, with filter", names_scoped)
    u_med, u_95 = report("name searches only, without filter", names_plain)
    print(f"  ratio filtered/unfiltered (names): median {n_med / u_med:.2f}, "
          f"p95 {n_95 / u_95:.2f}")  # fmt: skip

    # The page itself: view, template and the result logging (one bulk insert).
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
    if explain:
        slow = sorted(zip(scoped, rows, strict=True), key=lambda item: -item[0])[:5]
        for ms, (user, text, _q) in slow:
            print(f"  slowest: {ms:.1f} ms {text!r} (user {user.username})")
            with CaptureQueriesContext(connection) as captured:
                selectors.search_persons(user, text)
            with connection.cursor() as c:
                c.execute("EXPLAIN (ANALYZE, BUFFERS) " + captured.captured_queries[0]["sql"])
                print("\n".join("      " + r[0] for r in c.fetchall()))


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


def bench_log(data, raw, samples):
    print(f"\naccess-log write ({samples} records)")
    user = next(iter(data.users.values()))
    request = RequestFactory().get("/klanten/1/")
    request.user = user
    person_ids = data.random_tenants(samples)
    cur = raw.cursor()
    app, sql, sql_async = [], [], []
    for person_id in person_ids:
        ms, _ = timed(
            lambda p=person_id: log_access(
                request,
                person_id=p,
                what=AccessLogEntry.What.CARD,
                grant=AccessLogEntry.Grant.TEAM,
                object_id=p,
            )  # fmt: skip
        )
        app.append(ms)
        ms, _ = timed(
            lambda p=person_id: cur.execute(
                "INSERT INTO audit_accesslogentry (actor_id, person_id, what, object_id, "
                "\"grant\", reason, at, remote_addr) VALUES (%s, %s, 'card', %s, 'team', '', "
                "now(), '127.0.0.1')",
                [user.pk, p, p],
            )
        )
        sql.append(ms)
        ms, _ = timed(
            lambda p=person_id: cur.execute(
                "WITH a AS (SELECT set_config('synchronous_commit', 'off', true)) "
                "INSERT INTO audit_accesslogentry (actor_id, person_id, what, object_id, "
                "\"grant\", reason, at, remote_addr) SELECT %s, %s, 'card', %s, 'team', '', "
                "now(), '127.0.0.1' FROM a",
                [user.pk, p, p],
            )
        )
        sql_async.append(ms)
    report("log_access vs plain INSERT, synchronous commit", app, sql, "bar: median < 2 ms")
    report("log_access vs plain INSERT, asynchronous commit", app, sql_async)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="card,search,lookup,log")
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    name = str(connection.settings_dict["NAME"])
    if not any(word in name for word in ("bench", "scale")) and not args.force:
        sys.exit(f"refusing to run against {name!r}: use the generated database (or --force)")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    s = connection.settings_dict
    raw = psycopg.connect(
        dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"] or 5432,
        password=s["PASSWORD"] or None, autocommit=True, options="-c jit=off",
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_size_pretty(pg_database_size(current_database()))")
        version, size = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM contacts_contactmoment")
        contacts = cursor.fetchone()[0]
    print(f"database {name} ({size}, {contacts:,} contact moments), {version.split(' on ')[0]}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"nproc {os.cpu_count()}")  # fmt: skip
    data = Data(raw, args.seed)
    only = set(args.only.split(","))
    if "card" in only:
        bench_card(data, raw, args.samples, args.explain)
    if "search" in only:
        bench_search(data, raw, args.samples, args.explain)
    if "lookup" in only:
        bench_lookup(data, raw, args.samples)
    if "log" in only:
        bench_log(data, raw, args.samples)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
