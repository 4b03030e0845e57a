"""The one type of a refusal by a rule that is not about a form field: ``ApplicationError``.

A rule that refuses what the user asked for and can say why raises a subclass with a Dutch
message: views show the message (``messages.error`` or on the page), the API answers every one
the same way, as a problem response with the subclass's ``status`` and ``code``
(``api/problems.py``). Refusals about the fields of a form or body are Django's
``ValidationError`` (with a message per field), which forms and the API also translate one way.
"""


class ApplicationError(Exception):
    """A rule said no. ``status``: the HTTP status the API answers with; ``code``: the last part
    of the problem type (stable, for clients)."""

    status = 409
    code = "refused"

    def __init__(self, message: str = "", *, code: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
