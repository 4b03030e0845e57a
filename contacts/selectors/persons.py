"""Finding persons: the search box, the caller lookup for telephony, and what a card shows of
a person's tenancies and contact details. Reads only."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, Q, Value, prefetch_related_objects
from django.db.models.functions import Concat, Lower
from django.utils import timezone

from access import policy as access
from accounts.models import User
from persondata import restriction

from ..models import EmailAddress, Person, PhoneNumber, Tenancy
from ..normalise import fold, normalise_phone

POSTCODE_NUMBER = re.compile(
    r"^([1-9]\d{3})\s*([a-z]{2})\s*(\d{1,5})\s*[-\s]?\s*([a-z0-9-]*)$", re.I
)
RELATION_NUMBER = re.compile(r"^r\d{4,}$", re.I)
CONTRACT_NUMBER = re.compile(r"^hc-?\d{3,}$", re.I)
PHONE_LIKE = re.compile(r"^[+\d][\d\s\-().]{5,}$")
SEARCH_LIMIT = 25


@dataclass
class SearchQuery:
    kind: str  # name, phone, email, address, relation_number, contract_number, empty, invalid
    value: object = None
    error: str = ""


def parse_query(raw: str) -> SearchQuery:
    text = (raw or "").strip()
    if len(text) < 2:
        return SearchQuery("empty")
    if "@" in text:
        return SearchQuery("email", text.lower())
    if match := POSTCODE_NUMBER.match(text):
        postcode = f"{match.group(1)}{match.group(2).upper()}"
        return SearchQuery("address", (postcode, int(match.group(3)), match.group(4).upper()))
    if RELATION_NUMBER.match(text):
        return SearchQuery("relation_number", text.upper())
    if CONTRACT_NUMBER.match(text):
        digits = re.sub(r"\D", "", text)
        return SearchQuery("contract_number", f"HC-{int(digits):06d}")
    if PHONE_LIKE.match(text) and sum(ch.isdigit() for ch in text) >= 6:
        try:
            return SearchQuery("phone", normalise_phone(text))
        except ValidationError as exc:
            return SearchQuery("invalid", error=exc.messages[0])
    words = fold(text).split()
    if not words:
        return SearchQuery("empty")
    return SearchQuery("name", words)


def _name_filter(words: list[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
    return condition


def search_filter(query: SearchQuery) -> Q | None:
    if query.kind == "name":
        return _name_filter(query.value)
    if query.kind == "phone":
        return Q(pk__in=PhoneNumber.objects.filter(number=query.value).values("person_id"))
    if query.kind == "email":
        # lower() = lower(): the index emailaddress_lower_idx answers it. ``iexact`` compiles to
        # UPPER() = UPPER() on PostgreSQL, which no index has: every address was read (30 ms
        # for 120,000 addresses, the slowest searches at scale).
        addresses = EmailAddress.objects.alias(folded=Lower("address"))
        return Q(pk__in=addresses.filter(folded=query.value.lower()).values("person_id"))
    if query.kind == "address":
        postcode, number, addition = query.value
        units = {"unit__postcode": postcode, "unit__house_number": number}
        if addition:
            units["unit__house_number_addition__iexact"] = addition
        return Q(pk__in=Tenancy.objects.filter(**units).values("person_id"))
    if query.kind == "relation_number":
        return Q(relation_number=query.value)
    if query.kind == "contract_number":
        return Q(pk__in=Tenancy.objects.filter(contract_number=query.value).values("person_id"))
    return None


def _tenancies_prefetch():
    return Prefetch(
        "tenancies",
        queryset=Tenancy.objects.select_related("unit", "role").order_by(
            F("end_date").desc(nulls_first=True), "-start_date"
        ),
    )


def with_card_summary(persons):
    """Prefetch what a result row shows: the latest tenancy with its unit."""
    return persons.prefetch_related(_tenancies_prefetch())


def load_card_details(person: Person) -> Person:
    """Tenancies (with unit and role), phone numbers and e-mail addresses of a person already
    loaded: three queries, no second read of the person."""
    prefetch_related_objects([person], _tenancies_prefetch(), "phone_numbers", "email_addresses")
    return person


def search_persons(user, raw: str, *, limit: int = SEARCH_LIMIT):
    """Persons in the user's scope that match what was typed; (query, list of persons)."""
    query = parse_query(raw)
    condition = search_filter(query)
    if condition is None:
        return query, []
    persons = access.persons_visible_to(user).filter(condition).order_by(*SEARCH_ORDER)
    return query, restriction.mark(with_card_summary(persons)[:limit])


# Results in name order, but sorted after matching: ordering on the bare column lets
# PostgreSQL walk the whole name index in order and test the name and the scope on every
# row until 25 match (0.5-1 s for a rare name in a 200,000-person register, see
# docs/performance.md "Evidence at scale"); on an expression it finds the matches through
# the trigram index first and sorts only those.
SEARCH_ORDER = (Concat("search_name", Value("")), "pk")


def lookup_caller(user, raw_phone: str):
    """Caller lookup for telephony: (normalised number or None, error, matching persons)."""
    try:
        number = normalise_phone(raw_phone)
    except ValidationError as exc:
        return None, exc.messages[0], []
    # A phone number matches a handful of persons: the user's teams as a subquery of the same
    # statement (``single``) instead of a query of their own first.
    persons = (
        access.persons_visible_to(user, single=True)
        .filter(search_filter(SearchQuery("phone", number)))
        .order_by("search_name", "pk")
    )
    return number, "", restriction.mark(with_card_summary(persons)[:SEARCH_LIMIT])


def current_tenancy(person: Person, day: datetime.date | None = None):
    """The tenancy to show for a person (prefetched list): current first, else the latest."""
    day = day or timezone.localdate()
    tenancies = list(person.tenancies.all())
    for tenancy in tenancies:
        if tenancy.is_current(day):
            return tenancy
    return tenancies[0] if tenancies else None


def name_words_among(words) -> set[str]:
    """Which of ``words`` (lower case) are the given name or surname of a person in the register
    or of an employee: for texts that must not keep names (the knowledge gaps). A word matches
    a whole given name or surname, case-insensitively (a surname of two words, "El Amrani",
    only as a whole; the common-name list has "Amrani"). Two queries, on the person's
    lower-case surname index and the employees' table."""
    words = {w for w in words if len(w) >= 2}
    if not words:
        return set()
    persons = Person.objects.annotate(
        surname_lower=Lower("surname"), given_lower=Lower("given_name")
    ).filter(Q(surname_lower__in=words) | Q(given_lower__in=words))
    found = set()
    for surname, given in persons.values_list("surname_lower", "given_lower")[:1000]:
        found |= set(surname.split()) | {given}
    employees = User.objects.annotate(
        first_lower=Lower("first_name"), last_lower=Lower("last_name")
    ).filter(Q(first_lower__in=words) | Q(last_lower__in=words))
    for first, last in employees.values_list("first_lower", "last_lower")[:1000]:
        found |= set(first.split()) | set(last.split())
    return found & words
