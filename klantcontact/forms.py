"""Form helpers shared by the apps' views (infrastructure: imports no app)."""

import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: a message for a field of the form next
    to that field, anything else (and a message without a field) above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# No list in the product has this many pages (a card's timeline of 9,316 contacts has 466); a
# larger number from the address bar is read as this one, so it cannot overflow the database's
# OFFSET (``?pagina=99999999999999999999999`` was a 500; issue 18).
MAX_PAGE = 100_000


def page_number(value) -> int:
    """The page asked for in a query string (``?pagina=``): 1 when missing or not a number,
    at most ``MAX_PAGE``."""
    try:
        page = int(str(value or "1").strip())
    except ValueError:
        return 1
    return min(max(page, 1), MAX_PAGE)


class ValidatedInitialMixin:
    """For a ModelAdmin: the add page takes initial values from the query string
    (``?person=12``), and Django renders some of them as given: an autocomplete or raw-id widget
    queried the database with ``?person=x`` or a number beyond a bigint, a date display got a
    string; both were a 500 (issue 18). A relation keeps only an id; any other field keeps its
    value as the field reads it (a date as a date), else the value is dropped and the page opens
    without it."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name in list(initial):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # not a model field: Django ignores it
            value = initial[name]
            if field.is_relation:
                values = value if isinstance(value, list) else [value]
                if not all(str(v).isdigit() and int(v) <= MAX_ID for v in values):
                    del initial[name]
                continue
            try:
                initial[name] = field.to_python(value)
            except (ValidationError, ValueError, TypeError, OverflowError):
                del initial[name]
            else:
                if isinstance(initial[name], datetime.datetime) and timezone.is_naive(
                    initial[name]
                ):
                    initial[name] = timezone.make_aware(initial[name])
        return initial


MAX_ID = 2**63 - 1  # a bigint's largest value
