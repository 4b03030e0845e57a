"""Small database helpers shared by the apps."""

from django.conf import settings
from django.db import connection, models


def person_has_rows(person, *models, remember: dict | None = None) -> dict:
    """Which of ``models`` (each with a ``person_id`` column) hold any row for ``person``.

    One query for all of them: the customer card asks several apps whether they have something
    to show (legal holds, restrictions, statements, objections, ...), which for nearly every
    person is nothing; a "no" then costs no query of its own. A "yes" means "look": the
    caller's own query applies its conditions (active, not ended, ...). ``remember``: a dict
    living as long as the answer may be reused (one template render), shared by the callers.
    """
    known = {} if remember is None else remember.setdefault(("person_has_rows", person.pk), {})
    missing = [model for model in models if model not in known]
    if missing:
        # Table names from the models, the person's id a parameter.
        template = "EXISTS (SELECT 1 FROM {} WHERE person_id = %s)"
        sql = "SELECT " + ", ".join(template.format(m._meta.db_table) for m in missing)
        with connection.cursor() as cursor:
            cursor.execute(sql, [person.pk] * len(missing))
            known.update(zip(missing, (bool(flag) for flag in cursor.fetchone()), strict=True))
    return {model: known[model] for model in models}


def employee_reference(verbose_name, **kwargs) -> models.ForeignKey:
    """The employee who did something (decided, recorded, changed): kept when the employee's
    account goes (the row stays, the reference empties), no reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
        **kwargs,
    )
