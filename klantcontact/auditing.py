"""Which models django-auditlog tracks, and which of their fields it leaves out.

Read by ``settings.AUDITLOG_INCLUDE_TRACKING_MODELS``; a new model that staff or the AVG officer
change is added here. Secrets (token hashes, TOTP keys) and derived columns (search vectors) are
excluded so the audit trail never holds them. Free texts (a signal's description, a contact's
notes, a request's text) are not listed here: each app declares them once, in ``FREE_TEXT`` of its
``personal_data`` module, and ``audit.masking`` masks them on start, so an entry says *that* such
a field changed and never what it said. Pure data, so the settings module can import it.
"""

TRACKED_MODELS = (
    {"model": "accounts.User", "exclude_fields": ["password", "last_login"]},
    "accounts.Team",
    "referencedata.ReferenceCode",
    "contacts.Person",
    "contacts.PhoneNumber",
    "contacts.EmailAddress",
    "contacts.Unit",
    "contacts.Tenancy",
    "contacts.ContactSubject",
    "contacts.Mandate",
    "contacts.ContactMoment",
    "contacts.Task",
    "contacts.SignalType",
    {"model": "contacts.Signal", "m2m_fields": ["handlers"]},
    "access.BreakGlassGrant",
    "access.AccessAlert",
    # Knowledge base: articles (their own version history has the text), the category tree,
    # the synonym list, and which article was used for which contact moment.
    {"model": "knowledgebase.Article", "exclude_fields": ["search_vector", "version"]},
    "knowledgebase.Category",
    "knowledgebase.SynonymGroup",
    "knowledgebase.ArticleUse",
    # Processing register: the register, agreements and the data-breach register.
    "processingregister.Controller",
    "processingregister.Department",
    "processingregister.DataSubjectCategory",
    "processingregister.PersonalDataCategory",
    "processingregister.Party",
    "processingregister.InformationSystem",
    {
        "model": "processingregister.ProcessingActivity",
        "m2m_fields": ["subject_categories", "data_categories", "systems"],
    },
    "processingregister.Transfer",
    {
        "model": "processingregister.Agreement",
        "exclude_fields": ["document_content"],
        "m2m_fields": ["activities", "data_categories"],
    },
    "processingregister.SubProcessor",
    {
        "model": "processingregister.DataBreach",
        "exclude_fields": ["last_reminder_at"],
        "m2m_fields": ["activities", "data_categories", "subject_categories"],
    },
    "processingregister.BreachUpdate",
    "dataminimisation.SensitiveTerm",
    # Retention: the rules, legal holds and review decisions (verifiable afterwards).
    "retention.RetentionRule",
    "retention.LegalHold",
    "retention.RetentionReview",
    # API clients: who changed scopes, teams or the agreement (never the token hash).
    {
        "model": "api.ApiClient",
        "exclude_fields": ["token_hash", "token_prefix", "last_used_at"],
        "m2m_fields": ["teams"],
    },
    # Rights of data subjects: requests, corrections, statements, restrictions, objections.
    "rights.DataSubjectRequest",
    "rights.WithheldItem",
    "rights.Rectification",
    "rights.PersonStatement",
    "rights.ProcessingRestriction",
    "rights.Objection",
    "rights.SurveyOptOut",
    # Disclosures to third parties and the art. 19 notices.
    {"model": "disclosures.Disclosure", "m2m_fields": ["categories"]},
    "disclosures.DisclosedPerson",
    "disclosures.RecipientNotice",
    # Enrolment and reset of a second factor (never the secret or the verification counters).
    {
        "model": "otp_totp.TOTPDevice",
        "exclude_fields": [
            "key",
            "drift",
            "last_t",
            "last_used_at",
            "throttling_failure_timestamp",
            "throttling_failure_count",
        ],
    },
)
