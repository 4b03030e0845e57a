"""``among("pk", ids)``: a filter for "this column is one of these ids" that stays cheap for
thousands of ids.

Django writes ``IN (%s, %s, ...)`` with one parameter per id, which the PostgreSQL driver must
parse afresh for every batch size; on PostgreSQL this is ``= ANY(%s)`` with one array parameter
(one query text, parsed once, typed like the column so its index is used), elsewhere the plain
``IN`` list.
"""

from django.db.models import F, Lookup


class AnyOf(Lookup):
    lookup_name = "retention_any_of"  # used as an expression, never registered
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            # Typed like the column: a smallint[] of small ids would not use a bigint index.
            db_type = self.lhs.output_field.cast_db_type(connection)
            return f"{lhs_sql} = ANY(%s::{db_type}[])", [*lhs_params, values]
        if not values:
            return "1 = 0", list(lhs_params)
        placeholders = ", ".join(["%s"] * len(values))
        return f"{lhs_sql} IN ({placeholders})", [*lhs_params, *values]


def among(field: str, ids) -> AnyOf:
    return AnyOf(F(field), [int(value) for value in ids])
