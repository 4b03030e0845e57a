"""The ``<id:...>`` path converter: a record id as the database can hold it.

Django's ``<int:...>`` matches any number of digits, so ``/klanten/99999999999999999999/`` reached
the database and failed there (PostgreSQL: bigint out of range; SQLite: an overflow), a 500
instead of a 404 (issue 18). Here an id is a number a bigint holds (at most 2**63 - 1, the
maximum the API schema states); a larger one matches no URL, so it is a plain 404. Importing
this module registers the converter; every ``urls.py`` with ids imports it.
"""

from django.urls import register_converter

BIGINT_MAX = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > BIGINT_MAX:
            raise ValueError("not an id")  # Django reads this as "no match": a 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
