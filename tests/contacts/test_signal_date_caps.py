"""Signal review dates and "keep until" decisions are capped by their rule (issue 17, point 4):
at most the signal rule's period ahead (two years; one for support signals), up to five years
only with a recorded reason (seed 002 §5.4c), never further."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from access import policy
from accounts import roles
from audit.models import LogEntry
from contacts import services
from contacts.models import Signal, SignalType
from retention.limits import latest_dates
from retention.services import load_default_rules
from tests.factories import PersonFactory, contact_catalogue

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def years(n, days=0):
    return TODAY.replace(year=TODAY.year + n, day=min(TODAY.day, 28)) + datetime.timedelta(days)


@pytest.fixture
def world(reference_codes, make_user):
    contact_catalogue()
    load_default_rules()
    employee, person = make_user("mw", roles=[roles.EMPLOYEE, roles.TEAM_LEADER]), PersonFactory()
    policy.record_involvement(employee, person)  # writing needs a grant on the person
    return {
        "employee": employee,
        "person": person,
        "nuisance": SignalType.objects.get(code="geluidsoverlast"),
    }


def register(world, **kwargs):
    return services.register_signal(
        world["employee"],
        world["person"],
        signal_type=kwargs.pop("signal_type", world["nuisance"]),
        description="Herhaalde klachten over harde muziek na middernacht.",
        **kwargs,
    )


def test_a_review_date_in_2040_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        register(world, review_on=datetime.date(2040, 1, 1), review_reason="Lang bewaren.")
    assert "review_on" in refused.value.message_dict
    assert not Signal.objects.exists()


def test_within_the_default_period_no_reason_is_needed(world):
    default, maximum = latest_dates("signal", "geluidsoverlast")
    assert default == years(2) and maximum == years(5)
    assert register(world, review_on=default).review_on == default


def test_beyond_the_default_period_a_reason_is_needed_and_recorded(world):
    with pytest.raises(ValidationError) as refused:
        register(world, review_on=years(3))
    assert "reden" in " ".join(refused.value.message_dict["review_on"])
    reason = "Procedure bij de kantonrechter loopt nog; het signaal is bewijs."
    signal = register(world, review_on=years(3), review_reason=reason)
    recorded = [
        (entry.additional_data or {}).get("review_reason")
        for entry in LogEntry.objects.get_for_object(signal)
    ]
    assert reason in recorded


def test_beyond_five_years_even_a_reason_does_not_help(world):
    with pytest.raises(ValidationError):
        register(world, review_on=years(5, days=1), review_reason="Heel lang nodig.")


def test_a_support_signal_follows_its_one_year_rule(world):
    support = SignalType.objects.filter(code__startswith="ondersteuning").first()
    if support is None:
        pytest.skip("no support signal type in the catalogue")
    default, _maximum = latest_dates("signal", support.code)
    assert default == years(1)


def test_the_review_keep_until_has_the_same_caps(world):
    signal = register(world)
    with pytest.raises(ValidationError) as refused:
        services.review_signal(world["employee"], signal, keep_until=datetime.date(2040, 1, 1))
    assert "keep_until" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.review_signal(world["employee"], signal, keep_until=years(3))
    kept = services.review_signal(
        world["employee"], signal, keep_until=years(3), note="Nog steeds klachten van buren."
    )
    assert Signal.objects.get(pk=kept.pk).review_on == years(3)
