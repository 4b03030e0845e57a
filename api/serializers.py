"""Request and response shapes of the API.

Coded values are VERA codes where a VERA list exists (channel ``TEL``/``INT``, relation role
``HUU``, defect types); the reference-code lists use VERA's own column names (soort, code,
naam, omschrijving, begindatum, einddatum, parent, informatiedomein). Ids are integers; ids
that cannot exist are refused by the schema (1 .. 2^63-1).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contacts.models import ContactMoment, Task, TaskKind
from contacts.selectors import current_tenancy
from referencedata.models import CodeList

MAX_ID = 2**63 - 1
CODE_PATTERN = r"^[A-Za-z0-9_.-]{1,40}$"
# Free text must hold at least one visible character (blank-after-trim is not text).
TEXT_PATTERN = r"[^\t\n\v\f\r ]"


class StrictCharField(serializers.CharField):
    """A JSON string only (DRF would turn 12 or 1.5 into "12"), taken as sent."""

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictRegexField(StrictCharField, serializers.RegexField):
    pass


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer only (DRF would accept "12" and 12.0)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """A JSON true or false only (DRF would accept 0, 1, "yes" and "on")."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


def id_field(**kwargs):
    return StrictIntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def code_field(**kwargs):
    return StrictRegexField(regex=CODE_PATTERN, max_length=40, **kwargs)


def text_field(**kwargs):
    return StrictRegexField(regex=TEXT_PATTERN, **kwargs)


def query_code_field(**kwargs):
    return serializers.RegexField(CODE_PATTERN, max_length=40, trim_whitespace=False, **kwargs)


def card_url(request, person_id: int) -> str:
    return request.build_absolute_uri(reverse("contacts:card", args=[person_id]))


# --- Caller lookup ----------------------------------------------------------------------------


class LookupQuerySerializer(serializers.Serializer):
    phone = serializers.CharField(
        max_length=30,
        trim_whitespace=False,
        help_text=_("The caller's number as the phone platform gives it."),
    )


class LookupMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The person's id."))
    card_url = serializers.URLField(help_text=_("The customer card (login required)."))


class LookupSerializer(serializers.Serializer):
    phone = serializers.CharField(help_text=_("The number in international form (+31...)."))
    matches = LookupMatchSerializer(many=True)


# --- Persons ----------------------------------------------------------------------------------


class PersonSearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        min_length=2,
        max_length=100,
        trim_whitespace=False,
        help_text=_(
            "Name, phone number, e-mail address, postcode + house number, relation number "
            "(R...) or contract number (HC-...), as in the search on the pages."
        ),
    )


class UnitSerializer(serializers.Serializer):
    unit_number = serializers.CharField()
    address = serializers.CharField(source="address_line")
    postcode = serializers.CharField()
    town = serializers.CharField()
    team = serializers.CharField(source="team.code")


class TenancySerializer(serializers.Serializer):
    contract_number = serializers.CharField()
    role = serializers.CharField(source="role.code", help_text=_("VERA RELATIEROLSOORT code."))
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    unit = UnitSerializer()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    relation_number = serializers.CharField(allow_null=True)
    initials = serializers.CharField()
    given_name = serializers.CharField()
    surname_prefix = serializers.CharField()
    surname = serializers.CharField()
    tenancy = serializers.SerializerMethodField()
    card_url = serializers.SerializerMethodField()

    @extend_schema_field(TenancySerializer(allow_null=True))
    def get_tenancy(self, person):
        tenancy = current_tenancy(person)
        return TenancySerializer(tenancy).data if tenancy else None

    def get_card_url(self, person) -> str:
        return card_url(self.context["request"], person.pk)


class PhoneNumberSerializer(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.CharField()
    is_preferred = serializers.BooleanField()


class EmailAddressSerializer(serializers.Serializer):
    address = serializers.EmailField()
    kind = serializers.CharField()
    is_preferred = serializers.BooleanField()


class PersonDetailSerializer(PersonSerializer):
    phone_numbers = PhoneNumberSerializer(many=True)
    email_addresses = EmailAddressSerializer(many=True)


# --- Contact moments --------------------------------------------------------------------------


class ContactMomentQuerySerializer(serializers.Serializer):
    channel = code_field(required=False, help_text=_("VERA COMMUNICATIEKANAAL code."))
    subject = code_field(required=False, help_text=_("Contact subject code."))
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)


class ContactMomentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id", allow_null=True)
    occurred_at = serializers.DateTimeField()
    channel = serializers.CharField(source="channel.code", help_text=_("VERA channel code."))
    direction = serializers.ChoiceField(choices=ContactMoment.Direction.choices)
    caller_kind = serializers.ChoiceField(choices=ContactMoment.CallerKind.choices)
    subject = serializers.CharField(source="subject.code")
    defect = serializers.CharField(
        source="defect.code", allow_null=True, help_text=_("VERA DEFECTSOORT code.")
    )
    summary = serializers.CharField()
    outcome = serializers.ChoiceField(choices=ContactMoment.Outcome.choices)
    team = serializers.CharField(source="team.code")
    forwarded_to = serializers.CharField(source="forwarded_to.code", allow_null=True)
    tasks = serializers.SerializerMethodField()

    def get_tasks(self, contact) -> list[int]:
        return [task.pk for task in contact.tasks.all()]


class FollowUpSerializer(serializers.Serializer):
    requested_action = text_field(max_length=Task.REQUESTED_ACTION_MAX_LENGTH)
    due_date = serializers.DateField(
        required=False, help_text=_("Default: the task kind's usual number of working days.")
    )
    assigned_team = code_field(
        required=False, help_text=_("Team code; default: the client's first team.")
    )


class ContactMomentCreateSerializer(serializers.Serializer):
    channel = code_field(help_text=_("VERA COMMUNICATIEKANAAL code, e.g. TEL, INT, BAL."))
    direction = serializers.ChoiceField(
        choices=ContactMoment.Direction.choices, default=ContactMoment.Direction.INBOUND
    )
    occurred_at = serializers.DateTimeField(required=False, help_text=_("Default: now."))
    caller_kind = serializers.ChoiceField(
        choices=ContactMoment.CallerKind.choices, default=ContactMoment.CallerKind.SELF
    )
    mandate = id_field(
        required=False, allow_null=True, help_text=_("The representative's mandate.")
    )
    subject = code_field(help_text=_("Contact subject code, e.g. reparatieverzoek."))
    defect = code_field(required=False, allow_null=True, help_text=_("VERA DEFECTSOORT code."))
    summary = text_field(max_length=ContactMoment.SUMMARY_MAX_LENGTH)
    notes = StrictCharField(
        max_length=ContactMoment.NOTES_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    outcome = serializers.ChoiceField(choices=ContactMoment.Outcome.choices)
    team = code_field(required=False, help_text=_("Default: the client's first team."))
    forwarded_to = code_field(required=False, allow_null=True)
    task = FollowUpSerializer(
        required=False, allow_null=True, help_text=_("Required when the outcome is a follow-up.")
    )


# --- Tasks ------------------------------------------------------------------------------------

TASK_KIND_CHOICES = [
    (TaskKind.TASK, _("task")),
    (TaskKind.REPAIR_REQUEST, _("repair request")),
    (TaskKind.CALLBACK, _("callback")),
    (TaskKind.INTERNAL_NOTE, _("internal note")),
]


class TaskQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[Task.Status.OPEN, Task.Status.IN_PROGRESS], required=False
    )
    kind = serializers.ChoiceField(choices=TASK_KIND_CHOICES, required=False)
    person = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(source="kind.code")
    status = serializers.ChoiceField(choices=Task.Status.choices)
    requested_action = serializers.CharField()
    due_date = serializers.DateField()
    assigned_team = serializers.CharField(source="assigned_team.code", allow_null=True)
    contact_moment = serializers.IntegerField(source="contact_moment_id")
    person = serializers.IntegerField(source="contact_moment.person_id", allow_null=True)
    closing_note = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class TaskCreateSerializer(serializers.Serializer):
    contact_moment = id_field(help_text=_("The contact moment the task follows up."))
    kind = serializers.ChoiceField(choices=TASK_KIND_CHOICES)
    requested_action = text_field(max_length=Task.REQUESTED_ACTION_MAX_LENGTH)
    due_date = serializers.DateField(required=False)
    assigned_team = code_field(required=False)


class TaskUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[Task.Status.IN_PROGRESS, Task.Status.DONE],
        help_text=_("in_progress: the client takes the task; done: closed with a note."),
    )
    closing_note = text_field(
        max_length=500, required=False, help_text=_("Required to close: what was done.")
    )


# --- Knowledge base ---------------------------------------------------------------------------


class ArticleQuerySerializer(serializers.Serializer):
    q = serializers.CharField(min_length=1, max_length=200, trim_whitespace=False)
    channel = code_field(required=False, help_text=_("VERA channel code, e.g. INT."))
    limit = serializers.IntegerField(min_value=1, max_value=50, default=10)


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(help_text=_("The answer script."))
    category = serializers.CharField(source="category.name", allow_null=True)
    updated_at = serializers.DateTimeField()


class ArticleSearchSerializer(serializers.Serializer):
    query = serializers.CharField()
    corrected_query = serializers.CharField(allow_null=True)
    results = ArticleSerializer(many=True)


# --- Reference data ---------------------------------------------------------------------------


class CodeListSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=CodeList.choices)
    naam = serializers.CharField()
    aantal = serializers.IntegerField(help_text=_("Codes in use."))


class ReferenceCodeSerializer(serializers.Serializer):
    soort = serializers.CharField(source="code_list")
    code = serializers.CharField()
    naam = serializers.CharField(source="name")
    omschrijving = serializers.CharField(source="description")
    begindatum = serializers.DateField(source="valid_from", allow_null=True)
    einddatum = serializers.DateField(source="valid_to", allow_null=True)
    parent = serializers.SerializerMethodField()
    informatiedomein = serializers.CharField(source="information_domain")

    def get_parent(self, code) -> str | None:
        parent = code.parent
        return f"{parent.code_list}.{parent.code}" if parent else None


# --- Portal intake ----------------------------------------------------------------------------


class IntakeSerializer(serializers.Serializer):
    relation_number = StrictRegexField(
        regex=r"^[Rr][0-9]{4,18}$",
        max_length=20,
        help_text=_("The tenant the portal authenticated."),
    )
    kind = serializers.ChoiceField(
        choices=[(TaskKind.REPAIR_REQUEST, _("repair request")), (TaskKind.TASK, _("task"))]
    )
    subject = code_field(
        required=False, help_text=_("Contact subject code; default reparatieverzoek or overig.")
    )
    defect = code_field(required=False, allow_null=True, help_text=_("VERA DEFECTSOORT code."))
    summary = text_field(max_length=ContactMoment.SUMMARY_MAX_LENGTH)
    requested_action = text_field(max_length=Task.REQUESTED_ACTION_MAX_LENGTH)
    notes = StrictCharField(
        max_length=ContactMoment.NOTES_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class IntakeResultSerializer(serializers.Serializer):
    contact_moment = serializers.IntegerField()
    task = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    due_date = serializers.DateField()
    channel = serializers.CharField()


# --- Survey export ----------------------------------------------------------------------------


class SurveyQuerySerializer(serializers.Serializer):
    subject = code_field(required=False, help_text=_("Only contacts about this subject."))
    since = serializers.DateField(required=False, help_text=_("Only contacts since this day."))


class SurveyRowSerializer(serializers.Serializer):
    email = serializers.EmailField()
    reference = serializers.CharField()
    subject = serializers.CharField()
    contact_date = serializers.DateField(allow_null=True)


class SurveyAgreementSerializer(serializers.Serializer):
    reference = serializers.CharField()
    party = serializers.CharField()


class SurveyExportSerializer(serializers.Serializer):
    agreement = SurveyAgreementSerializer()
    count = serializers.IntegerField()
    rows = SurveyRowSerializer(many=True)
