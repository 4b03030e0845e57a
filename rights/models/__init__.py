"""Rights of data subjects (AVG art. 15-21): the request register and what requests leave behind.

One module per aggregate; this package re-exports every model, so ``rights.models.X`` and
``from rights.models import X`` keep working (and Django finds them all).

- ``DataSubjectRequest``: one request with its deadline, identity check, extension, decision and
  written reply; ``RequestEvent`` is its status history.
- ``WithheldItem``: a record left out of an access copy (third-party information), with the reason.
- ``AccessExport``: a produced access/portability copy; its content expires.
- ``Rectification`` and ``PersonStatement``: corrections and the person's own statement (art. 16).
- ``ProcessingRestriction`` (art. 18), ``Objection`` (art. 21) and ``SurveyOptOut``.
"""

from .copies import AccessExport, WithheldItem
from .corrections import PersonStatement, Rectification
from .objections import Objection, SurveyOptOut
from .requests import DataSubjectRequest, RequestEvent
from .restrictions import ProcessingRestriction

__all__ = [
    "AccessExport",
    "DataSubjectRequest",
    "Objection",
    "PersonStatement",
    "ProcessingRestriction",
    "Rectification",
    "RequestEvent",
    "SurveyOptOut",
    "WithheldItem",
]
