"""Personal-data inventory and person-data registry of the disclosure log.

A disclosure is about the persons it concerned (``DisclosedPerson``); the disclosure itself says
to whom, what (the register's categories), why and when, which is what the tenant sees in the
access copy (art. 15(1)(c) AVG). After an erasure the disclosure stays without the person's
link (accountability, and the proof of the art. 19 notices); the run's export, which names the
persons, is emptied.
"""

from django.utils.translation import gettext_lazy as _

from persondata.registry import NOT_PERSONAL

_LOG = "logging"

PERSONAL_DATA = {
    "Disclosure": {
        "recipient": NOT_PERSONAL,
        "agreement": NOT_PERSONAL,
        "basis": "klantcontact",
        "basis_reference": "klantcontact",
        "channel": NOT_PERSONAL,
        "categories": NOT_PERSONAL,
        "purpose": "klantcontact",
        "meeting": "klantcontact",
        "signal_type": "woongedrag",
        "disclosed_at": _LOG,
        "recorded_by": "medewerker",
        "recorded_at": _LOG,
        "run": NOT_PERSONAL,
        "person_count": NOT_PERSONAL,
    },
    "DisclosedPerson": {
        "disclosure": NOT_PERSONAL,
        "person": "identificatie",
    },
    "ArrearsPosition": {
        "tenancy": "huurovereenkomst",
        "as_of": "financieel",
        "months_overdue": "financieel",
        "amount_cents": "financieel",
        "imported_at": _LOG,
    },
    "DisclosureRun": {
        "kind": NOT_PERSONAL,
        "agreement": NOT_PERSONAL,
        "as_of": NOT_PERSONAL,
        "started_at": NOT_PERSONAL,
        "finished_at": NOT_PERSONAL,
        "status": NOT_PERSONAL,
        "selected": NOT_PERSONAL,
        "disclosed": NOT_PERSONAL,
        "left_out": NOT_PERSONAL,
        "export": "financieel",
        "error": NOT_PERSONAL,
    },
    "RecipientNotice": {
        "request": NOT_PERSONAL,
        "recipient": NOT_PERSONAL,
        "since": _LOG,
        "disclosure_count": NOT_PERSONAL,
        "state": NOT_PERSONAL,
        "note": "klantcontact",
        "done_at": _LOG,
        "done_by": "medewerker",
    },
}


from persondata.registry import DELETE, F, Holds, Keep, Mentions, Retention, Section, Source  # noqa: E402

COPY_SECTIONS = [
    Section(
        "disclosures",
        _("Who received your data"),
        _(
            "The organisations outside our corporation we shared your data with: who, what, "
            "when and why. What was said in a case conference is not recorded, only that it "
            "took place."
        ),
        order=110,
        empty=_("We have not shared your data with other organisations."),
    ),
]

SUBJECT_DATA = {
    "Disclosure": Holds(
        path="persons__person",
        label=_("disclosures to other organisations"),
        section="disclosures",
        copy=(
            "disclosed_at",
            "recipient",
            F("categories", label=_("what"), attr="categories_text"),
            "basis",
            "purpose",
            "channel",
        ),
        order_by=("disclosed_at", "pk"),
        source=Source.STAFF,
        # Recording a disclosure is not itself a sharing: the rules before sharing refuse a
        # restricted person (unless the law requires it), the log may always be written.
        restricted=False,
        retention=(
            Retention(
                "disclosure",
                label=_("the disclosure log"),
                person_field="",
                created_field="disclosed_at",
                date_fields=("disclosed_at",),
                order=75,
            ),
        ),
        erasure=Keep(
            duty=_(
                "accountability for what we shared (AVG art. 5(2) and 19): the recipient, what "
                "and when, without your name"
            ),
        ),
    ),
    "DisclosedPerson": Holds(
        path="person",
        label=_("your name in a disclosure"),
        not_in_copy=_("shown as the disclosures in the section 'Who received your data'"),
        source=Source.STAFF,
        restricted=False,
        part_of="disclosure",
        erasure=DELETE,
    ),
    "ArrearsPosition": Holds(
        path="tenancy__person",
        label=_("rent arrears reported by our tenant administration"),
        section="tenancies",
        copy=(
            "as_of",
            "months_overdue",
            F("amount_cents", label=_("amount"), attr="amount_display"),
        ),
        order_by=("as_of", "pk"),
        source=Source.ADMINISTRATION,
        retention=(
            Retention(
                "arrears_position",
                label=_("rent arrears positions"),
                person_field="tenancy__person_id",
                created_field="as_of",
                date_fields=("as_of",),
                order=28,
            ),
        ),
        erasure=DELETE,
    ),
    # Part of the request (art. 19 proof); goes the way of the request (kept for accountability).
    "RecipientNotice": Holds(
        path="request__person",
        label=_("notices to recipients after a correction, erasure or restriction"),
        not_in_copy=_("part of the handling of your request"),
        source=Source.STAFF,
        restricted=False,
        part_of="request",
        erasure=Keep(
            duty=_("accountability (AVG art. 5(2) and 19): that the recipients were told"),
            blank=("note",),
        ),
    ),
}

# The export of a periodic run names the persons in it (it went to the partner as agreed).
MENTIONS = {
    "DisclosureRun": Mentions(
        fields=("export",), label=_("exports of periodic disclosures"), erase="blank"
    ),
}

# --- Free texts (persondata.free_text): the audit trail says they changed, not what they say

FREE_TEXT = {
    # A court order's reference and a case conference's name can say what the case is about.
    "Disclosure": ("purpose", "meeting", "basis_reference"),
    "RecipientNotice": ("note",),
}
