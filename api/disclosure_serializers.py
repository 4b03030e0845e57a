"""Request and response shapes of ``POST disclosures/`` (scope ``disclosures:write``): a system
that shares tenants' data automatically (a link with a partner) records each disclosure.

Persons are named by relation number, the recipient by the reference of the covenant or
processor agreement (or, for a legal obligation or court order without one, by the party's name
in the processing register), the data by the register's category codes. The shape is checked
here (400); the references and the rules before sharing are checked by the disclosure log
(422, ``disclosures.services.check_disclosure``).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from disclosures.models import Basis, Channel

from .serializers import StrictCharField, StrictRegexField, code_field, text_field

RELATION_NUMBER_PATTERN = r"^[Rr][0-9]{4,18}$"
MAX_PERSONS = 1000
MAX_CATEGORIES = 50

# A case conference is oral: it is recorded on the card (with the meeting), never by a link.
API_CHANNELS = [
    (value, label) for value, label in Channel.choices if value != Channel.CASE_CONFERENCE
]


class DisclosureCreateSerializer(serializers.Serializer):
    relation_numbers = serializers.ListField(
        child=StrictRegexField(regex=RELATION_NUMBER_PATTERN, max_length=20),
        min_length=1,
        max_length=MAX_PERSONS,
        help_text=_("The persons whose data was shared, by relation number."),
    )
    agreement = text_field(
        max_length=40,
        required=False,
        allow_null=True,
        help_text=_(
            "The reference of the covenant or processor agreement in the processing register "
            "(required for the bases covenant and processor)."
        ),
    )
    recipient = text_field(
        max_length=200,
        required=False,
        allow_null=True,
        help_text=_(
            "The receiving party's name in the processing register; only needed without an "
            "agreement (a legal obligation or court order)."
        ),
    )
    basis = serializers.ChoiceField(choices=Basis.choices, help_text=_("The legal basis."))
    basis_reference = StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("For a legal obligation the article, for a court order its reference."),
    )
    channel = serializers.ChoiceField(
        choices=API_CHANNELS, default=Channel.API, help_text=_("How it was shared.")
    )
    categories = serializers.ListField(
        child=code_field(),
        min_length=1,
        max_length=MAX_CATEGORIES,
        help_text=_("What was shared: codes of the register's personal-data categories."),
    )
    purpose = text_field(
        max_length=300,
        help_text=_("What the recipient needs it for, in a few words; no content of the case."),
    )
    disclosed_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text=_("When the data was shared; default: now.")
    )


class DisclosureResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The disclosure's id in the log."))
    recipient = serializers.CharField(source="recipient.name")
    agreement = serializers.CharField(source="agreement.reference", allow_null=True)
    basis = serializers.ChoiceField(choices=Basis.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    disclosed_at = serializers.DateTimeField()
    person_count = serializers.IntegerField(help_text=_("How many persons it concerned."))
    category_count = serializers.SerializerMethodField(
        help_text=_("How many categories of data were shared.")
    )

    def get_category_count(self, disclosure) -> int:
        return disclosure.categories.count()
