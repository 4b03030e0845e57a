"""Bulk loading: one ``COPY`` stream per table on a connection of its own, and the big tables'
secondary indexes and foreign keys dropped for the load (with the DDL that recreates them)."""

import time

import psycopg

BIG_TABLES = [
    "contacts_person", "contacts_unit", "contacts_tenancy", "contacts_phonenumber",
    "contacts_emailaddress", "contacts_mandate", "contacts_signal", "contacts_signal_handlers",
    "contacts_contactmoment", "contacts_task", "contacts_taskevent", "audit_accesslogentry",
    "access_breakglassgrant", "contacts_personuserobjectpermission",
]  # fmt: skip


def esc(value) -> str:
    if value is None:
        return "\\N"
    return str(value)


class CopyStream:
    """One COPY into a table on its own connection, fed in chunks."""

    def __init__(self, dsn: str, table: str, columns: list[str], chunk: int = 20_000):
        self.conn = psycopg.connect(dsn)
        self.table = table
        self.cursor = self.conn.cursor()
        self._ctx = self.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN")
        self.copy = self._ctx.__enter__()
        self.buffer: list[str] = []
        self.chunk = chunk
        self.rows = 0
        self.started = time.perf_counter()

    def row(self, *values) -> None:
        self.buffer.append("\t".join(map(esc, values)))
        if len(self.buffer) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.copy.write("\n".join(self.buffer) + "\n")
            self.rows += len(self.buffer)
            self.buffer = []

    def close(self) -> tuple[int, float]:
        self.flush()
        self._ctx.__exit__(None, None, None)
        self.conn.commit()
        self.conn.close()
        return self.rows, time.perf_counter() - self.started


def drop_secondary(conn, tables: list[str]) -> list[str]:
    """Drop unique/foreign-key constraints and plain indexes of ``tables``; return the DDL that
    recreates them (indexes and unique constraints first, then foreign keys)."""
    restore_first, restore_last = [], []
    rows = conn.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
        """,
        [tables],
    ).fetchall()
    for table, name, kind, definition in rows:
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        ddl = f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        (restore_last if kind == "f" else restore_first).append(ddl)
    rows = conn.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [tables],
    ).fetchall()
    for name, definition in rows:
        conn.execute(f"DROP INDEX {name}")
        restore_first.append(definition)
    return restore_first + restore_last
