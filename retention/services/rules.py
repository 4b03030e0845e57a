"""The default retention rules: creating the missing ones (by code) and, on request, resetting
existing ones to the defaults.
"""

from processingregister.categories import sync_data_categories
from processingregister.models import PersonalDataCategory, ProcessingActivity

from ..defaults import DEFAULT_RULES
from ..models import RetentionRule


def load_default_rules(*, update: bool = False) -> tuple[int, int]:
    """Create the default rules that are missing (by code); link their processing activity when
    the register has it. With ``update`` also reset existing rules to the defaults. Returns
    (created, updated)."""

    sync_data_categories()
    created = updated = 0
    for spec in DEFAULT_RULES:
        values = dict(spec)
        code = values.pop("code")
        category = PersonalDataCategory.objects.get(code=values.pop("category"))
        activity = ProcessingActivity.objects.filter(code=values.pop("activity", "")).first()
        rule = RetentionRule.objects.filter(code=code).first()
        if rule is None:
            rule = RetentionRule(
                code=code, data_category=category, processing_activity=activity, **values
            )
            rule.full_clean()
            rule.save()
            created += 1
            continue
        changed = []
        if rule.processing_activity_id is None and activity is not None:
            rule.processing_activity = activity
            changed.append("processing_activity")
        if update:
            for name, value in [("data_category", category), *values.items()]:
                if getattr(rule, name) != value:
                    setattr(rule, name, value)
                    changed.append(name)
        if changed:
            rule.full_clean()
            rule.save()
            updated += 1
    return created, updated
