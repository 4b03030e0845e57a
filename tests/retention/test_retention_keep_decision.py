"""A reviewed "keep until" decision (or a review still open) on a record keeps the record, and so
every person it reaches: the nightly deletion of the representative does not take the kept
mandate along."""

import pytest

from accounts import roles
from contacts.models import Mandate, Person
from retention import engine, services
from retention.models import RetentionReview
from tests.factories import (
    MandateFactory,
    PersonFactory,
    UserFactory,
    mandate_review_rule,
)
from tests.support.retention import (  # noqa: F401  (fixtures)
    D,
    counts,
    fresh_run_lock,
    only_the_tests_rules,
    person_rule,
    registered_on,
)

pytestmark = pytest.mark.django_db

REVIEWED = D(2025, 2, 1)


@pytest.fixture
def kept_mandate():
    """A mandate sent to review a year after it ended and kept until 2027 by its owner."""
    mandate_review_rule()
    mandate = MandateFactory(valid_from=D(2018, 1, 1), valid_to=D(2024, 1, 31))
    engine.run_now(as_of=REVIEWED)
    services.decide_review(
        RetentionReview.objects.get(),
        user=UserFactory(roles=[roles.PRIVACY_OFFICER]),
        decision="keep",
        keep_until=D(2027, 2, 1),
        reason="Bewindvoering loopt nog bij de rechtbank; bewijs van bevoegdheid nodig.",
        today=REVIEWED,
    )
    return mandate


def test_the_representative_is_kept_with_the_kept_mandate(kept_mandate):
    person_rule(trigger="created")
    representative = kept_mandate.representative
    registered_on(representative, D(2018, 1, 1))
    bystander = PersonFactory()
    registered_on(bystander, D(2018, 1, 1))

    preview = {p.rule.code: p for p in engine.preview(D(2026, 1, 1), "personen")}
    result = engine.run_now(as_of=D(2026, 1, 1), rule_code="personen")

    assert Person.objects.filter(pk=representative.pk).exists()
    assert Mandate.objects.filter(pk=kept_mandate.pk).exists()
    assert not Person.objects.filter(pk=bystander.pk).exists()
    assert counts(result) == {"personen": (1, 0, 0, 0, 1)}
    assert preview["personen"].counts["kept_longer"] == 1
    assert preview["personen"].sample == [bystander.pk], preview["personen"].counts


def test_a_mandate_in_review_keeps_the_representative_too(kept_mandate):
    person_rule(trigger="created")
    representative = kept_mandate.representative
    registered_on(representative, D(2018, 1, 1))

    engine.run_now(as_of=D(2027, 2, 1), rule_code="machtigingen")  # round 2: in review again
    assert RetentionReview.objects.filter(status="open", round=2).exists()
    result = engine.run_now(as_of=D(2027, 2, 2), rule_code="personen")

    assert Person.objects.filter(pk=representative.pk).exists()
    assert counts(result) == {"personen": (0, 0, 0, 0, 1)}


def test_when_the_keep_decision_ends_the_representative_goes(kept_mandate):
    person_rule(trigger="created")
    representative = kept_mandate.representative
    registered_on(representative, D(2018, 1, 1))
    engine.run_now(as_of=D(2027, 2, 1), rule_code="machtigingen")
    services.decide_review(
        RetentionReview.objects.get(status="open"),
        user=UserFactory(roles=[roles.PRIVACY_OFFICER]),
        decision="delete",
        today=D(2027, 2, 1),
    )

    result = engine.run_now(as_of=D(2027, 2, 2), rule_code="personen")

    assert not Person.objects.filter(pk=representative.pk).exists()
    assert counts(result) == {"personen": (1, 0, 0, 0, 0)}
