"""The access-log write benchmark: ``audit.services.log_access`` (autocommit, one INSERT and
its commit) against plain INSERTs with a synchronous and an asynchronous commit."""

from django.test import RequestFactory

from audit.models import AccessLogEntry
from audit.services import log_access

from .report import report, timed


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
