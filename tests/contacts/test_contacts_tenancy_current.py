"""One rule for "current tenancy" (contacts.models.tenancy_current_q): the QuerySet, a loaded
tenancy and a lookup through a relation agree, on every boundary."""

import datetime

import pytest

from contacts.models import Tenancy, tenancy_current_q
from disclosures.models import ArrearsPosition
from tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 15)


def test_the_queryset_the_instance_and_a_relation_agree_on_the_boundaries():
    cases = {
        "starts that day": (DAY, None, True),
        "ends that day": (DAY - datetime.timedelta(days=400), DAY, True),
        "ended the day before": (
            DAY - datetime.timedelta(days=400),
            DAY - datetime.timedelta(days=1),
            False,
        ),
        "starts the day after": (DAY + datetime.timedelta(days=1), None, False),
    }
    made = {
        name: TenancyFactory(start_date=start, end_date=end)
        for name, (start, end, _current) in cases.items()
    }
    current = set(Tenancy.objects.current(DAY).values_list("pk", flat=True))
    for name, (_start, _end, expected) in cases.items():
        tenancy = made[name]
        assert (tenancy.pk in current) is expected, name
        assert tenancy.is_current(DAY) is expected, name
    for tenancy in made.values():
        ArrearsPosition.objects.create(tenancy=tenancy, as_of=DAY, months_overdue=1, amount_cents=1)
    through = ArrearsPosition.objects.filter(tenancy_current_q(DAY, prefix="tenancy__"))
    assert set(through.values_list("tenancy_id", flat=True)) == current
