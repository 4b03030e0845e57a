"""factory-boy factories for the core models, for any test.

Teams are saved through ``accounts.services.provision_team`` so their member and leader groups
and object permissions exist. Users get roles and teams through post-generation hooks:

    UserFactory(roles=[roles.EMPLOYEE], teams=[team], leads=[other_team])

Tenancy roles are VERA relation roles (HUU tenant by default, ``co_tenant=True`` for MDH),
created on the fly when the reference data is not loaded.

One module per app (``tests/factories/<app>.py``); this package re-exports them all, so a test
writes ``from tests.factories import PersonFactory, UserFactory``.
"""

from tests.factories.accounts import (
    TeamFactory,
    UserFactory,
)
from tests.factories.api import (
    api_activity,
    api_administrator,
    api_client,
)
from tests.factories.contacts import (
    ContactMomentFactory,
    EmailAddressFactory,
    MandateFactory,
    PersonFactory,
    PhoneNumberFactory,
    RetentionTaskFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    default_subject,
    task_kind,
)
from tests.factories.dataminimisation import (
    SensitiveTermFactory,
)
from tests.factories.knowledgebase import (
    ArticleFactory,
    KnowledgeCategoryFactory,
    SynonymGroupFactory,
)
from tests.factories.processingregister import (
    AgreementFactory,
    DataBreachFactory,
    DataSubjectCategoryFactory,
    ProcessingActivityFactory,
    RegisterControllerFactory,
    RegisterDepartmentFactory,
    RegisterPartyFactory,
    personal_data_category,
)
from tests.factories.referencedata import (
    ReferenceCodeFactory,
    channel,
)
from tests.factories.retention import (
    LegalHoldFactory,
    RetentionRuleFactory,
    mandate_review_rule,
    statutory_tenancy_rule,
)
from tests.factories.rights import (
    data_subject_request,
    survey_agreement,
)

__all__ = [
    "mandate_review_rule",
    "statutory_tenancy_rule",
    "TeamFactory",
    "UserFactory",
    "ReferenceCodeFactory",
    "channel",
    "PersonFactory",
    "UnitFactory",
    "TenancyFactory",
    "PhoneNumberFactory",
    "EmailAddressFactory",
    "contact_catalogue",
    "default_subject",
    "ContactMomentFactory",
    "MandateFactory",
    "task_kind",
    "RetentionTaskFactory",
    "SensitiveTermFactory",
    "RegisterControllerFactory",
    "RegisterDepartmentFactory",
    "DataSubjectCategoryFactory",
    "ProcessingActivityFactory",
    "RegisterPartyFactory",
    "AgreementFactory",
    "DataBreachFactory",
    "personal_data_category",
    "RetentionRuleFactory",
    "LegalHoldFactory",
    "KnowledgeCategoryFactory",
    "ArticleFactory",
    "SynonymGroupFactory",
    "survey_agreement",
    "data_subject_request",
    "api_activity",
    "api_administrator",
    "api_client",
]
