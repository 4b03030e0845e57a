"""The access copy completes art. 15: per section where the data came from (art. 15(1)(g)) and
how long it is kept, in the same words as the card and the staff's retention page."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from persondata import registry
from retention import explain
from retention.services import load_default_rules
from rights.gather import gather_personal_data
from tests.factories import EmailAddressFactory, PhoneNumberFactory, TenancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(reference_codes):
    load_default_rules()
    person = TenancyFactory().person
    PhoneNumberFactory(person=person)
    EmailAddressFactory(person=person)
    return person


def sections(doc):
    return {category["key"]: category for category in doc["categories"]}


def test_each_section_with_data_names_its_source_and_its_retention(person):
    doc = gather_personal_data(person)
    details = sections(doc)["contact_details"]
    with translation.override("nl"):
        source = registry.Source.label(registry.entry_for("contacts.PhoneNumber").holds.source)
        phrase = explain.phrase_for_target("phone_number")
    assert {"kind": "Telefoonnummers", "source": source} in details["sources"]
    assert phrase in [row["phrase"] for row in details["retention"]]
    tenancies = sections(doc)["tenancies"]
    assert any("wettelijke bewaarplicht" in row["phrase"] for row in tenancies["retention"])
    # A section without data explains nothing and names no source.
    assert sections(doc)["signals"]["sources"] == []


def test_the_document_shows_sources_and_periods(person):
    doc = gather_personal_data(person)
    with translation.override("nl"):
        html = render_to_string("rights/access_document.html", {"doc": doc})
        phrase = explain.phrase_for_target("phone_number")
    block = html[html.index('id="contact_details"') :]
    block = block[: block.index("</section>")]
    assert "Waar deze gegevens vandaan komen" in block
    assert phrase in block
