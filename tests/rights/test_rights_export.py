"""The access and portability copy: every category, the register's explanations, the access log,
withheld items, logged production and download, expiring links."""

import datetime
import json

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from access.models import BreakGlassGrant
from accounts import roles
from audit.models import AccessLogEntry
from retention.models import RetentionRule
from rights import exports, services
from rights.gather import gather_personal_data
from rights.models import AccessExport, WithheldItem
from tests.factories import (
    ContactMomentFactory,
    EmailAddressFactory,
    MandateFactory,
    PhoneNumberFactory,
    RegisterControllerFactory,
    RetentionTaskFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    data_subject_request,
    survey_agreement,
)

pytestmark = pytest.mark.django_db

CATEGORIES = [
    "person",
    "contact_details",
    "tenancies",
    "mandates",
    "contact_moments",
    "tasks",
    "signals",
    "statements",
    "choices",
    "requests",
    # Who received the data (art. 15(1)(c)), right before who viewed it (the access log).
    "disclosures",
]


@pytest.fixture
def world(reference_codes, make_user, team_noord):
    contact_catalogue()
    RegisterControllerFactory()
    survey_agreement()
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    employee = make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord])
    person = TenancyFactory(
        unit=UnitFactory(team=team_noord, street="Dorpsstraat", house_number=7)
    ).person
    PhoneNumberFactory(person=person, number="+31612340000")
    EmailAddressFactory(person=person, address="tenant@example.nl")
    MandateFactory(represented=person)
    neighbour_contact = ContactMomentFactory(
        person=person, summary="Buurman Pietersen klaagt over geluid.", team=team_noord
    )
    own_contact = ContactMomentFactory(
        person=person, summary="Vraag over de huur.", outcome="repair_request"
    )
    task = RetentionTaskFactory(contact_moment=own_contact, requested_action="Terugbellen.")
    from contacts.models import SignalType
    from contacts.services.signals import register_signal

    signal = register_signal(
        employee,
        person,
        signal_type=SignalType.objects.filter(sensitivity="ordinary").first(),
        description="Geluidsoverlast gemeld door twee buren.",
    )
    services.record_objection(person, officer, purpose="information_evenings")
    services.opt_out_by_staff(person, user=employee)
    AccessLogEntry.objects.create(actor=employee, person_id=person.pk, what="card", grant="team")
    AccessLogEntry.objects.create(
        actor=officer, person_id=person.pk, what="card", grant="break_the_glass"
    )
    return {
        "officer": officer,
        "employee": employee,
        "person": person,
        "neighbour_contact": neighbour_contact,
        "own_contact": own_contact,
        "task": task,
        "signal": signal,
    }


def _category(doc, key):
    return next(c for c in doc["categories"] if c["key"] == key)


def _values(category):
    return [f["value"] for record in category["records"] for f in record["fields"]]


def test_the_copy_contains_every_category_with_the_registers_explanations(world):
    request = data_subject_request(world["officer"], world["person"], verified=True)
    doc = gather_personal_data(world["person"], request=request)
    assert [c["key"] for c in doc["categories"]] == CATEGORIES
    assert world["person"].surname in _values(_category(doc, "person"))
    assert "tenant@example.nl" in _values(_category(doc, "contact_details"))
    assert "06 12340000" in _values(_category(doc, "contact_details"))
    assert any("Dorpsstraat 7" in v for v in _values(_category(doc, "tenancies")))
    assert len(_category(doc, "mandates")["records"]) == 1
    assert "Vraag over de huur." in _values(_category(doc, "contact_moments"))
    assert "Terugbellen." in _values(_category(doc, "tasks"))
    assert "Geluidsoverlast gemeld door twee buren." in _values(_category(doc, "signals"))
    choices = _values(_category(doc, "choices"))
    assert any("informatieavond" in v.lower() or "information" in v.lower() for v in choices)
    assert request.reference in _values(_category(doc, "requests"))
    contacts = _category(doc, "contact_moments")
    assert contacts["purposes"] and all(p["legal_basis"] for p in contacts["purposes"])
    rules = RetentionRule.objects.filter(target="contact_moment").values_list("name", flat=True)
    assert {r["rule"] for r in contacts["retention"]} == set(rules) and rules
    survey = _category(doc, "choices")["purposes"][0]
    assert survey["recipients"] == ["KlantMeter Onderzoek B.V. (verwerker)"]
    json.dumps(doc)  # machine-readable as it is


def test_the_access_log_shows_when_and_which_function_not_names(world):
    doc = gather_personal_data(world["person"])
    log = doc["access_log"]
    assert log["total"] == 2
    by = {row["by"] for row in log["entries"]}
    assert any(b.endswith("· Team Noord") for b in by)
    assert world["employee"].first_name not in " ".join(by)
    assert [row["emergency"] for row in log["entries"]].count(True) == 1


def test_withheld_items_are_left_out_recorded_and_counted(world):
    officer = world["officer"]
    request = data_subject_request(officer, world["person"], verified=True)
    item = services.withhold_item(
        request,
        officer,
        item_kind="contact_moment",
        object_id=world["neighbour_contact"].pk,
        reason="Noemt de buurman die klaagde.",
    )
    assert item.withheld_by == officer
    assert request.events.filter(kind="item_withheld").exists()
    with pytest.raises(Exception):  # noqa: B017 - a second time, or someone else's record
        services.withhold_item(
            request, officer, item_kind="contact_moment", object_id=item.object_id, reason="x"
        )
    with pytest.raises(Exception):  # noqa: B017
        services.withhold_item(
            request,
            officer,
            item_kind="signal",
            object_id=ContactMomentFactory().pk,
            reason="Niet van deze persoon.",
        )
    export = services.produce_copy(request, officer)
    values = _values(_category(export.content, "contact_moments"))
    assert "Buurman Pietersen klaagt over geluid." not in values
    assert "Vraag over de huur." in values
    assert (
        export.content["withheld"]
        == [{"kind": "contactmoment", "reason": "Noemt de buurman die klaagde.", "count": 1}]
        or export.content["withheld"][0]["count"] == 1
    )
    assert "Pietersen" not in json.dumps(export.content)
    assert WithheldItem.objects.count() == 1


def test_producing_and_downloading_are_logged_and_links_expire(world, client):
    officer = world["officer"]
    request = data_subject_request(officer, world["person"], verified=True)
    before = AccessLogEntry.objects.filter(what="export").count()
    export = services.produce_copy(request, officer)
    assert AccessLogEntry.objects.filter(what="export").count() == before + 1
    assert export.expires_at > timezone.now() + datetime.timedelta(days=13)
    client.force_login(officer)
    for fmt, content_type in (("html", "text/html"), ("json", "application/json")):
        url = reverse("rights:download", args=[services.download_token(export, fmt)])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert "attachment" in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(what="export").count() == before + 3
    assert request.events.filter(kind="export_downloaded").count() == 2
    doc = json.loads(
        client.get(
            reverse("rights:download", args=[services.download_token(export, "json")])
        ).content.decode()
    )
    assert doc["reference"] == request.reference
    # Forged, expired link, expired copy: a clear page, nothing served or logged.
    forged = services.download_token(export, "html")[:-3] + "abc"
    assert client.get(reverse("rights:download", args=[forged])).status_code == 410
    old = signing.dumps({"e": export.pk, "f": "html"}, salt=services.DOWNLOAD_SALT)
    late = timezone.now() + datetime.timedelta(days=services.EXPORT_VALID_DAYS + 1)
    with pytest.raises(services.DownloadExpired):
        services.read_download_token(old, now=late)
    AccessExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    logged = AccessLogEntry.objects.filter(what="export").count()
    response = client.get(
        reverse("rights:download", args=[services.download_token(export, "html")])
    )
    assert response.status_code == 410 and "verlopen" in response.content.decode().lower()
    assert AccessLogEntry.objects.filter(what="export").count() == logged
    assert services.expire_copies() == 1
    assert AccessExport.objects.get(pk=export.pk).content is None


def test_the_document_is_plain_dutch_with_a_heading_per_category(world):
    request = data_subject_request(world["officer"], world["person"], verified=True)
    export = services.produce_copy(request, world["officer"])
    body, content_type, filename = exports.render_copy(export, "html")
    html = body.decode()
    assert filename == f"inzage-{request.reference}.html"
    assert '<html lang="nl">' in html
    for key in [*CATEGORIES, "access_log"]:
        assert f'data-category="{key}"' in html
    for dutch in ("Waarom wij dit hebben", "Wie uw gegevens heeft bekeken", "Wat u kunt doen"):
        assert dutch.lower() in html.lower(), dutch
    assert "Autoriteit Persoonsgegevens" in html


def test_a_copy_needs_a_verified_identity_and_is_refused_while_restricted(world):
    officer, employee = world["officer"], world["employee"]
    request = data_subject_request(officer, world["person"])
    with pytest.raises(Exception):  # noqa: B017
        services.produce_copy(request, officer)
    services.verify_identity(request, officer, how="id_at_desk")
    services.restrict(world["person"], officer, reason="Juistheid betwist.")
    with pytest.raises(services.ProcessingRestricted):
        services.produce_copy(request, employee)
    assert services.produce_copy(request, officer).content is not None  # the officer may


def test_break_the_glass_grant_model_is_not_needed_for_the_officer(world):
    # The officer works on requests by role; no break-the-glass grant is created.
    request = data_subject_request(world["officer"], world["person"], verified=True)
    services.produce_copy(request, world["officer"])
    assert not BreakGlassGrant.objects.exists()
