"""The writes of the rights app (AVG art. 15-21 and the survey export), one module per aggregate:

- ``requests``: the request register: register, verify the identity, assign, extend, complete,
  withdraw; ``events`` (the status history, ``require_open``), ``deadlines`` (the counting
  rules), ``holds`` (the legal hold an open request places) and ``reminders`` (the daily watch).
- ``copies``: access and portability copies: withholding, producing, download links, expiry.
- ``corrections``: rectification and the person's statement (art. 16).
- ``erasure`` (art. 17), ``restrictions`` (art. 18), ``objections`` (art. 21).
- ``surveys`` (the survey export) and ``opt_outs`` (the opt-out link and the staff opt-out).

The reads are in ``rights.selectors``, the presentation (the copy as a file, notification texts,
the report's CSV) in ``rights.exports``. This package re-exports the public API of its modules
and the selectors the callers used to find here, so ``from rights import services;
services.register_request(...)`` keeps working. A monkeypatch must target the module that looks
the name up (e.g. ``rights.services.opt_outs.OPT_OUT_MAX_AGE``), not this package.
"""

from ..selectors import (
    SURVEY_ACTIVITY_CODE,
    active_restriction,
    erasure_obstacles,
    erasure_preview,
    has_opted_out_of_surveys,
    is_privacy_officer,
    is_restricted,
    objects_to,
    open_requests,
    rectifiable_fields,
    request_list,
    restricted_q,
    statements_for,
    survey_agreement,
    survey_candidates,
    withholdable_items,
)
from .copies import (
    COPY_KINDS,
    DOWNLOAD_SALT,
    EXPORT_VALID_DAYS,
    DownloadExpired,
    download_token,
    expire_copies,
    produce_copy,
    read_download_token,
    record_download,
    withhold_item,
)
from .corrections import add_statement, rectify
from .deadlines import (
    EXTENSION_MONTHS,
    REMINDER_DAYS,
    due_date_for,
    latest_extension_date,
    received_on,
)
from .erasure import erase_for_request
from .events import record_event
from .holds import HOLD_MARGIN_DAYS, renew_request_holds
from .objections import record_objection
from .opt_outs import (
    OPT_OUT_MAX_AGE,
    OPT_OUT_SALT,
    OptOutLinkInvalid,
    make_opt_out_token,
    opt_out_by_link,
    opt_out_by_staff,
    opt_out_url,
    read_opt_out_token,
)
from .reminders import escalate_overdue, send_deadline_reminders
from .requests import (
    assign,
    complete,
    completion_errors,
    extend,
    extension_errors,
    next_reference,
    person_of,
    register_request,
    request_errors,
    verify_identity,
    withdraw,
)
from .restrictions import ProcessingRestricted, check_not_restricted, lift_restriction, restrict
from .surveys import SurveyExport, SurveyExportRefused, survey_export, survey_reference

__all__ = [
    "COPY_KINDS",
    "DOWNLOAD_SALT",
    "EXPORT_VALID_DAYS",
    "EXTENSION_MONTHS",
    "HOLD_MARGIN_DAYS",
    "OPT_OUT_MAX_AGE",
    "OPT_OUT_SALT",
    "REMINDER_DAYS",
    "SURVEY_ACTIVITY_CODE",
    "DownloadExpired",
    "OptOutLinkInvalid",
    "ProcessingRestricted",
    "SurveyExport",
    "SurveyExportRefused",
    "active_restriction",
    "add_statement",
    "assign",
    "check_not_restricted",
    "complete",
    "completion_errors",
    "download_token",
    "due_date_for",
    "erase_for_request",
    "erasure_obstacles",
    "erasure_preview",
    "escalate_overdue",
    "expire_copies",
    "extend",
    "extension_errors",
    "has_opted_out_of_surveys",
    "is_privacy_officer",
    "is_restricted",
    "latest_extension_date",
    "lift_restriction",
    "make_opt_out_token",
    "next_reference",
    "objects_to",
    "open_requests",
    "opt_out_by_link",
    "opt_out_by_staff",
    "opt_out_url",
    "person_of",
    "produce_copy",
    "read_download_token",
    "read_opt_out_token",
    "received_on",
    "record_download",
    "record_event",
    "record_objection",
    "rectifiable_fields",
    "rectify",
    "register_request",
    "renew_request_holds",
    "request_errors",
    "request_list",
    "restrict",
    "restricted_q",
    "send_deadline_reminders",
    "statements_for",
    "survey_agreement",
    "survey_candidates",
    "survey_export",
    "survey_reference",
    "verify_identity",
    "withdraw",
    "withhold_item",
    "withholdable_items",
]
