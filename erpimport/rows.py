"""One ERP row checked and turned into the values of a record, or refused with a Dutch reason.

Reasons never repeat the row's values (a refusal is stored and shown to the privacy officer;
the ERP still has the row): "ongeldige postcode", not "postcode 12345 is ongeldig".
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from contacts.normalise import normalise_phone, normalise_postcode

from .formats import FIELDS

# Dates an ERP can sensibly hold: births from 1900, contracts from 1900 to well ahead.
EARLIEST = datetime.date(1900, 1, 1)


class RowRefused(ValueError):
    """The row cannot be imported; ``str()`` is the Dutch reason."""


def _date(value: str, label: str, *, required: bool = False) -> datetime.date | None:
    if not value:
        if required:
            raise RowRefused(_("%(field)s is missing.") % {"field": label})
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise RowRefused(_("%(field)s is not a date (YYYY-MM-DD).") % {"field": label}) from exc
    if day < EARLIEST or day.year > 2200:
        raise RowRefused(_("%(field)s is out of range.") % {"field": label})
    return day


def _check_fields(kind: str, row: dict) -> None:
    if row.get("__error__"):
        raise RowRefused(row["__error__"])
    for field in FIELDS[kind]:
        value = row.get(field.name, "")
        if field.required and not value:
            raise RowRefused(_("%(field)s is missing.") % {"field": field.name})
        if field.max_length and len(value) > field.max_length:
            raise RowRefused(
                _("%(field)s is longer than %(n)s characters.")
                % {"field": field.name, "n": field.max_length}
            )


def person(row: dict) -> dict:
    _check_fields("persons", row)
    birth = _date(row["geboortedatum"], "geboortedatum")
    if birth and birth > datetime.date.today():
        raise RowRefused(_("geboortedatum is in the future."))
    phone = ""
    if row["telefoonnummer"]:
        try:
            phone = normalise_phone(row["telefoonnummer"])
        except ValidationError as exc:
            raise RowRefused(_("telefoonnummer is not a valid phone number.")) from exc
    email = row["email"].lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise RowRefused(_("email is not a valid e-mail address.")) from exc
    return {
        "relation_number": row["relatienummer"],
        "initials": row["voorletters"],
        "given_name": row["roepnaam"],
        "surname_prefix": row["voorvoegsel"],
        "surname": row["achternaam"],
        "date_of_birth": birth,
        "phone": phone,
        "email": email,
    }


def unit(row: dict, *, teams: dict[str, int]) -> dict:
    _check_fields("units", row)
    try:
        house_number = int(row["huisnummer"])
    except ValueError as exc:
        raise RowRefused(_("huisnummer is not a whole number.")) from exc
    if not 0 < house_number < 100_000:
        raise RowRefused(_("huisnummer is out of range."))
    try:
        postcode = normalise_postcode(row["postcode"])
    except ValidationError as exc:
        raise RowRefused(_("postcode is not a Dutch postcode (1234AB).")) from exc
    team_id = teams.get(row["team"].lower())
    if team_id is None:
        raise RowRefused(_("Unknown team: add the team first, or correct its code."))
    return {
        "unit_number": row["eenheidnummer"],
        "street": row["straat"],
        "house_number": house_number,
        "house_number_addition": row["huisnummertoevoeging"],
        "postcode": postcode,
        "town": row["plaats"],
        "team_id": team_id,
    }


def tenancy(row: dict, *, units: dict, persons: dict, roles: dict) -> dict:
    _check_fields("tenancies", row)
    start = _date(row["ingangsdatum"], "ingangsdatum", required=True)
    end = _date(row["einddatum"], "einddatum")
    if end and end < start:
        raise RowRefused(_("einddatum is before ingangsdatum."))
    role_id = roles.get(row["rol"].upper())
    if role_id is None:
        raise RowRefused(_("rol is not a RELATIEROLSOORT code in use (e.g. HUU, MDH)."))
    unit_id = units.get(row["eenheidnummer"])
    if unit_id is None:
        raise RowRefused(_("Unknown unit: import the units first."))
    person_id = persons.get(row["relatienummer"])
    if person_id is None:
        raise RowRefused(_("Unknown person: import the persons first."))
    return {
        "contract_number": row["contractnummer"],
        "unit_id": unit_id,
        "person_id": person_id,
        "role_id": role_id,
        "start_date": start,
        "end_date": end,
    }


# The ERP's key of each kind, from the row as read (for duplicates within one file).
def key_of(kind: str, row: dict) -> tuple:
    if kind == "persons":
        return (row.get("relatienummer", ""),)
    if kind == "units":
        return (row.get("eenheidnummer", ""),)
    return (row.get("contractnummer", ""), row.get("relatienummer", ""))
