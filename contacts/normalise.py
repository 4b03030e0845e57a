"""Normalising what people type: Dutch phone numbers and postcodes."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PHONE_NOISE = re.compile(r"[\s\-().]")
_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")


def normalise_phone(raw: str) -> str:
    """Return a Dutch or international phone number in E.164 form ("+31612345678").

    Accepts 06-12345678, 06 1234 5678, +31 6 12345678, 0031612345678, (020) 123 45 67, ...
    Raises ValidationError for anything that is not a plausible number.
    """
    value = _PHONE_NOISE.sub("", raw or "")
    if value.startswith("+31(0)") or value.startswith("0031(0)"):
        value = value.replace("(0)", "")
    if value.startswith("00"):
        value = "+" + value[2:]
    if value.startswith("+310"):
        value = "+31" + value[4:]
    if value.startswith("0"):
        value = "+31" + value[1:]
    if not re.fullmatch(r"\+[1-9][0-9]{6,14}", value):
        raise ValidationError(
            _("'%(value)s' is not a valid phone number."),
            code="invalid_phone",
            params={"value": raw},
        )
    if value.startswith("+31") and len(value) != 12:
        raise ValidationError(
            _("A Dutch phone number has 10 digits (e.g. 06 12345678 or 020 1234567)."),
            code="invalid_phone",
        )
    return value


def normalise_postcode(raw: str) -> str:
    """Return a Dutch postcode as "1234AB"; raise ValidationError otherwise."""
    match = _POSTCODE.match((raw or "").strip())
    if not match:
        raise ValidationError(
            _("'%(value)s' is not a Dutch postcode (1234 AB)."),
            code="invalid_postcode",
            params={"value": raw},
        )
    return f"{match.group(1)}{match.group(2).upper()}"


def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation as spaces: "d'Hondt-Çelik" -> "d hondt celik"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[^\w\s]", " ", plain.lower())
    return " ".join(plain.split())


def person_search_name(
    *, surname: str, surname_prefix: str = "", given_name: str = "", initials: str = ""
) -> str:
    """The folded text a person is found by: surname first, then prefix, given name, initials.

    "van der Berg, Jan (J.P.)" -> "berg van der jan j p"; search matches every typed word as a
    word prefix, so "berg", "van der berg", "jan berg" and "Bèrg" all find it.
    """
    return fold(" ".join(part for part in (surname, surname_prefix, given_name, initials) if part))
