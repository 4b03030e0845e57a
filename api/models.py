"""API clients (integrations) and the idempotency keys of their creating calls.

A client is one integration (telephony, the tenant portal, the survey bureau): a hashed token,
the scopes it may use, the processing activity it serves and, for a third party, the processor
agreement that allows it. Rules (issuing and checking tokens, the agreement gate) live in
``api.services``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scopes import Scope


class ApiClient(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Short code; the client's service account is called api-<code>."),
    )
    description = models.TextField(_("description"), blank=True)
    scopes = models.JSONField(
        _("scopes"), default=list, blank=True, help_text=_("What the client may do.")
    )
    processing_activity = models.ForeignKey(
        "processingregister.ProcessingActivity",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("processing activity"),
        help_text=_("The registered processing (purpose and legal basis) the client serves."),
    )
    third_party = models.BooleanField(
        _("third party"),
        default=False,
        help_text=_("Run by another organisation: only allowed under a processor agreement."),
    )
    agreement = models.ForeignKey(
        "processingregister.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("processor agreement"),
        help_text=_("Required for a third party; the client stops working when it expires."),
    )
    teams = models.ManyToManyField(
        "accounts.Team",
        blank=True,
        related_name="+",
        verbose_name=_("teams"),
        help_text=_("Whose persons and tasks the client may read and write (team scope)."),
    )
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        editable=False,
        verbose_name=_("service account"),
    )
    rate_per_minute = models.PositiveIntegerField(
        _("requests per minute"), default=120, help_text=_("Throttling: at most this many calls.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    token_prefix = models.CharField(
        _("token prefix"), max_length=16, unique=True, null=True, editable=False
    )
    token_hash = models.CharField(_("token hash"), max_length=64, blank=True, editable=False)
    token_issued_at = models.DateTimeField(_("token issued at"), null=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    accountable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accountable person"),
        help_text=_(
            "The employee who answers for what this client reads; named on every access-log "
            "row of the client."
        ),
    )
    approved_at = models.DateTimeField(
        _("approved at"),
        null=True,
        editable=False,
        help_text=_("Empty: awaiting a second person's approval; the token does not work yet."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("approved by"),
    )
    token_expires_at = models.DateTimeField(_("token expires at"), null=True, editable=False)
    expiry_reminder_sent_for = models.DateTimeField(
        _("expiry reminder sent for"), null=True, editable=False
    )

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]
        permissions = [
            ("rotate_apiclient", _("Issue, rotate and revoke API client tokens")),
            ("approve_apiclient", _("Approve another person's API client request")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # a cycle: api.services imports this module (and other apps' models)
        from .services import client_errors

        errors = client_errors(self)
        if errors:
            raise ValidationError(errors)

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def scope_labels(self) -> list[str]:
        return [str(Scope(code).label) for code in self.scopes or [] if code in Scope.values]


class GrantRequest(models.Model):
    """A request to create a client or to widen what it may do (scopes, teams, agreement).

    Four eyes: it takes effect only when another authorised person approves it; the requester
    can never decide their own request (``api.grants`` and the check constraint below).
    Narrowing needs no request.
    """

    class Kind(models.TextChoices):
        CREATE = "create", _("new client")
        WIDEN = "widen", _("wider scopes, teams or agreement")

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    client = models.ForeignKey(
        ApiClient,
        on_delete=models.CASCADE,
        related_name="grant_requests",
        verbose_name=_("API client"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    scopes = models.JSONField(_("requested scopes"), default=list)
    team_ids = models.JSONField(_("requested teams"), default=list)
    agreement = models.ForeignKey(
        "processingregister.Agreement",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("processor agreement"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True)

    class Meta:
        verbose_name = _("API client request")
        verbose_name_plural = _("API client requests")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("requested_by")),
                name="api_grant_four_eyes",
            ),
            models.CheckConstraint(
                condition=models.Q(state="pending", decided_by__isnull=True)
                | (~models.Q(state="pending") & models.Q(decided_by__isnull=False)),
                name="api_grant_decided_by_someone",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(state="pending"),
                name="api_grant_one_pending",
            ),
        ]

    def __str__(self):
        return _("Request #%(id)s") % {"id": self.pk}


class IdempotencyKey(models.Model):
    """The first response to a creating call with an ``Idempotency-Key`` header.

    A retry with the same key and body gets this response again and creates nothing; the same
    key with another body is refused. Kept for ``IDEMPOTENCY_KEY_HOURS`` hours.
    """

    client = models.ForeignKey(
        ApiClient,
        on_delete=models.CASCADE,
        related_name="idempotency_keys",
        verbose_name=_("API client"),
    )
    key = models.CharField(_("key"), max_length=255)
    request_hash = models.CharField(_("request fingerprint"), max_length=64)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="api_idempotency_unique_key")
        ]

    def __str__(self):
        return _("Idempotency key #%(id)s") % {"id": self.pk}
