"""Erasure reaches everything the registry declares (issue: the AVG promises kept at every seam).

A person gets data in every model the person-data registry declares (the test fails first when a
new declaration has no data here), plus texts that name them without a link (a knowledge gap, a
notification, a stored API response) and a produced copy. After the erasure, every table of the
database and every file the erasure wrote is searched for their name, phone number, e-mail
address and relation number: none may remain, and the request lists what a legal duty keeps.
"""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from access.models import AccessAlert, BreakGlassGrant, Notification
from accounts import roles
from api.models import IdempotencyKey
from audit.models import AccessLogEntry
from contacts.models import Person, PersonGroupObjectPermission, PersonUserObjectPermission, Signal
from dataminimisation.models import GuardOverride
from disclosures import services as disclosures
from disclosures.models import ArrearsPosition, DisclosureRun
from knowledgebase.models import ArticleUse, SearchGap
from persondata import registry
from processingregister.models import PersonalDataCategory
from retention.models import ErasureLog, LegalHold, RetentionReview, RetentionRule
from rights import services as rights
from rights.models import AccessExport, DataSubjectRequest
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    ContactMomentFactory,
    EmailAddressFactory,
    MandateFactory,
    PersonFactory,
    PhoneNumberFactory,
    RegisterPartyFactory,
    RetentionTaskFactory,
    TenancyFactory,
    api_client,
    contact_catalogue,
    data_subject_request,
)

pytestmark = pytest.mark.django_db

SURNAME = "Quaakernaat"
GIVEN = "Zoëlla"
PHONE = "0612983746"
PHONE_E164 = "+31612983746"
EMAIL = "zoella.quaakernaat@voorbeeld.nl"
RELATION = "90817263"


@pytest.fixture
def officer(make_user, reference_codes):
    return make_user("avg-sweep", roles=[roles.PRIVACY_OFFICER])


def person_with_everything(officer, team):
    """A person with at least one record in every declared model."""
    from django.contrib.auth.models import Group
    from guardian.shortcuts import get_perms_for_model

    contact_catalogue()
    person = PersonFactory(given_name=GIVEN, surname=SURNAME, relation_number=RELATION)
    full = person.full_name
    PhoneNumberFactory(person=person, number=PHONE)
    EmailAddressFactory(person=person, address=EMAIL)
    ended = timezone.localdate() - datetime.timedelta(days=365 * 9)
    TenancyFactory(person=person, start_date=ended - datetime.timedelta(days=900), end_date=ended)
    MandateFactory(represented=person)
    contact = ContactMomentFactory(
        person=person, summary=f"{full} belde over de huur.", outcome="task"
    )
    task = RetentionTaskFactory(contact_moment=contact, requested_action=f"Terugbellen {PHONE}")
    task.events.create(kind="reassigned", by=officer, note=f"Mail naar {EMAIL}", person=person)
    Signal.objects.create(
        person=person,
        signal_type=_signal_type(),
        description=f"Overlast gemeld door {full}.",
        review_on=timezone.localdate() + datetime.timedelta(days=100),
        created_by=officer,
    )
    permission = get_perms_for_model(Person).first()
    PersonUserObjectPermission.objects.create(
        user=officer, permission=permission, content_object=person
    )
    PersonGroupObjectPermission.objects.create(
        group=Group.objects.create(name="sweep-group"), permission=permission, content_object=person
    )
    grant = BreakGlassGrant.objects.create(
        employee=officer,
        person=person,
        reason="urgent",
        explanation=f"Belde voor {full}",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    AccessAlert.objects.create(kind="break_the_glass", employee=officer, grant=grant)
    ArticleUse.objects.create(
        article=ArticleFactory(), contact_moment=contact, used_at=timezone.now()
    )
    GuardOverride.objects.create(
        employee=officer,
        form="contact",
        field="summary",
        categories="health",
        text_length=20,
        reason=f"Nodig voor {full}",
        content_type=ContentType.objects.get_for_model(contact),
        object_id=str(contact.pk),
        subject_person_id=person.pk,
    )
    AccessLogEntry.objects.create(actor=officer, person_id=person.pk, what="card", grant="role")
    LegalHold.objects.create(
        person=person,
        owner=officer,
        reason_kind="litigation",
        reason="Oude procedure.",
        ends_on=timezone.localdate() + datetime.timedelta(days=10),
        released_at=timezone.now(),
        released_by=officer,
    )
    RetentionReview.objects.create(
        rule=RetentionRule.objects.order_by("pk").first(),
        content_type=ContentType.objects.get_for_model(contact),
        object_id=contact.pk,
        person_id=person.pk,
        owner=officer,
        due_on=timezone.localdate(),
        status="closed",
    )
    ErasureLog.objects.create(person_id=person.pk, reason="Eerder verzoek", outcome="refused")
    # An access request with a copy (and an item withheld from it), then closed.
    access = data_subject_request(officer, person, kind="access", verified=True)
    access.description = f"{full} wil weten wat wij van haar hebben."
    access.save()
    rights.withhold_item(
        access,
        officer,
        item_kind="signal",
        object_id=Signal.objects.get(person=person).pk,
        reason="Melder beschermd.",
    )
    copy = rights.produce_copy(access, officer)
    # Shared with the municipality under a covenant, by a periodic run whose export names them.
    covenant = AgreementFactory(
        party=RegisterPartyFactory(name="Gemeente Sweepstad"),
        role="recipient",
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        end_date=None,
    )
    covenant.data_categories.set(PersonalDataCategory.objects.filter(code__in=["identificatie"]))
    run = DisclosureRun.objects.create(
        kind="arrears",
        agreement=covenant,
        as_of=timezone.localdate(),
        export=f"relatienummer;naam\n{RELATION};{full}\n",
    )
    disclosures.record_disclosure(
        officer,
        disclosures.DisclosureInput(
            persons=[person],
            recipient=covenant.party,
            agreement=covenant,
            basis="covenant",
            channel="file",
            categories=list(covenant.data_categories.all()),
            purpose="Vroegsignalering van schulden",
        ),
        run=run,
    )
    tenancy = person.tenancies.first()
    ArrearsPosition.objects.create(
        tenancy=tenancy, as_of=timezone.localdate(), months_overdue=2, amount_cents=123456
    )
    rights.rectify(access, officer, person, {"initials": "Q."})
    # Art. 19: the municipality is told of the correction before the request closes.
    for notice in access.recipient_notices.all():
        disclosures.mark_notice(notice, officer, state="notified", note="Brief verstuurd.")
    rights.add_statement(person, officer, statement=f"Ik, {full}, ben het oneens.", request=access)
    rights.restrict(person, officer, reason="Juistheid betwist.", request=access)
    rights.lift_restriction(person, officer, request=access)
    rights.record_objection(person, officer, purpose="surveys", request=access)
    rights.opt_out_by_staff(person, user=officer)
    rights.complete(access, officer, outcome="granted", reply="Kopie verstrekt.")
    # Texts that name the person without a link to them.
    now = timezone.now()
    SearchGap.objects.create(key="sweep", example=f"{full} huur", first_seen=now, last_seen=now)
    Notification.objects.create(
        recipient=officer, text="Spoedtoegang", link=reverse("contacts:card", args=[person.pk])
    )
    client, _token = api_client(("contacts:write",))
    IdempotencyKey.objects.create(
        client=client,
        key="k1",
        request_hash="0" * 64,
        response_status=201,
        response_body={"person": {"name": full, "phone": PHONE_E164}},
    )
    return person, copy


def _signal_type():
    from contacts.models import SignalType

    return SignalType.objects.filter(is_active=True).order_by("pk").first()


def rows_naming(terms) -> dict[str, int]:
    """{table: rows} of every table in the database whose row text contains one of the terms."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            hits = 0
            for row in cursor.fetchall():
                text = " ".join(
                    json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else str(v)
                    for v in row
                ).lower()
                if any(term.lower() in text for term in terms):
                    hits += 1
            if hits:
                found[table] = hits
    return found


def test_erasure_leaves_no_trace_of_the_person_in_any_table_or_file(
    officer, team_noord, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.ERASURE_LOG_PATH = str(tmp_path / "erasure-log.jsonl")
    person, copy = person_with_everything(officer, team_noord)
    person_id = person.pk
    missing = [e.label for e in registry.entries() if not e.records([person_id]).exists()]
    assert missing == [], "declared models without data in this test: " + ", ".join(missing)
    terms = [SURNAME, PHONE_E164, "06 12983746", EMAIL, RELATION]
    before = rows_naming(terms)
    assert {"contacts_person", "rights_accessexport", "knowledgebase_searchgap"} <= set(before)

    request = data_subject_request(officer, person, kind="erasure", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        log = rights.erase_for_request(request, officer)

    assert log.person_deleted and log.outcome == "complete"
    assert rows_naming(terms) == {}
    assert not AccessExport.objects.filter(pk=copy.pk).exists()
    assert not Notification.objects.filter(link__contains=f"/klanten/{person_id}/").exists()
    # What a legal duty keeps is listed in the request's answer, with the duty.
    kept = {row["target"]: row for row in log.kept}
    assert {"data_subject_request", "access_log", "audit.LogEntry"} <= set(kept)
    assert all(row["why"] == "duty" and row["why_text"] for row in kept.values())
    note = request.events.get(kind="erased").note
    assert str(kept["data_subject_request"]["label"]) in note
    # The erasure log file holds ids only.
    text = (tmp_path / "erasure-log.jsonl").read_text(encoding="utf-8")
    assert str(person_id) in text
    assert not any(term.lower() in text.lower() for term in terms)
    # The old copy link is dead.
    assert DataSubjectRequest.objects.filter(pk=request.pk, person=None).exists()
