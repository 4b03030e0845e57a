"""Inputs of the contacts services for tests: a contact moment and its task, with defaults that
pass every rule, overridable per test."""

from django.utils import timezone

from contacts import services
from referencedata.models import CodeList, ReferenceCode
from tests.factories import default_subject


def contact_input(setting, **overrides):
    """A contact by phone about rent payment, answered; ``setting`` has the tenant and team."""
    data = {
        "person": setting["tenant"],
        "channel": ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL"),
        "direction": "in",
        "occurred_at": timezone.now(),
        "caller_kind": "self",
        "subject": default_subject(),
        "summary": "Vraag over de incasso beantwoord.",
        "outcome": "answered",
        "team": setting["team"],
    }
    data.update(overrides)
    return services.ContactInput(**data)


def task_input(**overrides):
    data = {
        "requested_action": "Monteur inplannen.",
        "due_date": timezone.localdate(),
        "assigned_team": None,
    }
    data.update(overrides)
    return services.TaskInput(**data)


def mandate_post(**overrides):
    """The mandate form's POST for a new representative (a firm of administrators)."""
    role = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="BWI")
    return {
        "representative_initials": "K.",
        "representative_surname": "Bewind & Co",
        "role": role.pk,
        "scope": "finances",
        "valid_from": "2025-01-01",
        "verified_how": "court_order",
        "verified_at": "2025-01-02",
        **overrides,
    }
