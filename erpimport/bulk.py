"""Inserting many new records at once: PostgreSQL's COPY, with the ids drawn from the table's
sequence first so every record knows its id afterwards (the audit entries and the contact
details need them). Elsewhere (SQLite) ``bulk_create``.

Why not ``bulk_create`` on PostgreSQL: with client-side parameter binding (this project's
setting) psycopg quotes every value of the INSERT into its text, and for the arrays Django 5.2
sends that took half the import's time; COPY sends the rows as data. Values go through each
field's own ``pre_save`` (timestamps) and ``get_db_prep_save`` (dates, JSON), as an INSERT
would; nothing of a model's ``save()`` runs, so the caller sets what ``save()`` would derive.
"""

from django.db import connections
from django.db.models import GeneratedField


def insert(model, records: list) -> None:
    """Insert ``records`` (new, without id) of ``model``; sets their ids."""
    if not records:
        return
    # The connection itself, not the ``django.db.connection`` proxy: its look-up on every
    # attribute cost more than preparing the value (hundreds of thousands of values).
    connection = connections["default"]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(records)
        return
    table = model._meta.db_table
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, GeneratedField)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk.column, len(records)],
        )
        for record, (new_id,) in zip(records, cursor.fetchall(), strict=True):
            setattr(record, pk.attname, new_id)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for record in records:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(record, add=True), connection) for f in fields]
                )
    for record in records:
        record._state.adding = False
        record._state.db = "default"
