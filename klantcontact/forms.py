"""Form helpers shared by the apps' views (infrastructure: imports no app)."""

from django.core.exceptions import ValidationError


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
