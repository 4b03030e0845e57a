"""Factories for rights of data subjects: requests (through the service) and
the survey agreement."""

import datetime

from django.utils import timezone

from tests.factories.processingregister import (
    AgreementFactory,
    ProcessingActivityFactory,
    RegisterPartyFactory,
)
from tests.factories.referencedata import channel


def survey_agreement(start=None, end=None):
    """The survey activity (code ``klanttevredenheid``) with a processor agreement in force."""
    from processingregister.models import ProcessingActivity

    activity = ProcessingActivity.objects.filter(code="klanttevredenheid").first()
    if activity is None:
        activity = ProcessingActivityFactory(
            code="klanttevredenheid", name="Klanttevredenheidsonderzoek", approved=True
        )
    return AgreementFactory(
        reference=f"VO-KT-{ProcessingActivity.objects.count()}-{activity.agreements.count()}",
        title="Verwerkersovereenkomst klanttevredenheidsonderzoek",
        party=RegisterPartyFactory(name="KlantMeter Onderzoek B.V."),
        start_date=start or datetime.date(2020, 1, 1),
        end_date=end,
        activities=[activity],
    )


def data_subject_request(officer, person, *, kind="access", received_at=None, verified=False):
    """A request registered through the service (deadline, legal hold and history included)."""
    from rights import services as rights_services

    request = rights_services.register_request(
        officer,
        kind=kind,
        person=person,
        received_at=received_at or timezone.now(),
        channel=channel("EMA", "E-mail"),
    )
    if verified:
        rights_services.verify_identity(request, officer, how="id_copy")
    return request
