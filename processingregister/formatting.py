"""Dates and moments as the register's texts show them (Dutch long format, local time)."""

from django.utils import formats, timezone


def date_text(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def datetime_text(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i") if value else ""
