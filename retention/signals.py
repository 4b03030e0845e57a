"""Keep due dates current when the data changes, between the nightly runs.

- A record of a target model is saved: its due dates under every rule for it are recomputed
  (a task reopened loses its due date; closed again, it gets a new one).
- A tenancy, contact or mandate changes: the person-level triggers (end of tenancy, last
  contact) of that person's records are recomputed (a tenancy that gets an end date starts
  the clock for the person's contact details).
- A record is deleted: its due dates go, open reviews of it close.
- A tenancy as tenant starts: the home is allocated, the ``allocation`` event applies at once.

Bulk operations send no signals; the nightly run schedules new records and re-checks every
trigger just before it acts, so a missed signal never removes data too early.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from . import engine
from .models import RetentionReview, RetentionRule, RetentionSchedule, Trigger
from .services.events import ALLOCATION, apply_event
from .targets import REGISTRY, person_relationship_end, person_tenancy_end

PERSON_TRIGGERS = (Trigger.TENANCY_END, Trigger.LAST_CONTACT)
# Models whose changes move a person-level trigger, and where their person ids are.
PERSON_SOURCES = {
    "contacts.Tenancy": ("person_id",),
    "contacts.ContactMoment": ("person_id",),
    "contacts.Mandate": ("represented_id", "representative_id"),
}
TENANT_ROLE = "HUU"


def rules_for(model):
    keys = [
        key
        for key, target in REGISTRY.items()
        if target.model_label == model._meta.label and target.schedule_on_save
    ]
    if not keys:
        return []
    return list(
        RetentionRule.objects.not_ended()
        .filter(target__in=keys)
        .exclude(trigger=Trigger.EVENT)
        .select_related("processing_activity")
    )


def recompute_persons(person_ids) -> int:
    """Recompute the person-level triggers of these persons' records under every rule: one
    computation per trigger kind, one UPDATE per rule and person. Returns the rows moved."""
    person_ids = {pid for pid in person_ids if pid is not None}
    if not person_ids:
        return 0
    rules = [
        rule
        for rule in RetentionRule.objects.not_ended()
        .filter(trigger__in=PERSON_TRIGGERS)
        .exclude(target="")
        if rule.target_spec is not None
        and rule.target_spec.available
        and not rule.target_spec.own_tenancy_end
    ]
    if not rules:
        return 0
    dates = {
        Trigger.TENANCY_END: person_tenancy_end(person_ids),
        Trigger.LAST_CONTACT: person_relationship_end(person_ids),
    }
    moved = 0
    for rule in rules:
        for person_id in person_ids:
            trigger = dates[rule.trigger].get(person_id)
            rows = RetentionSchedule.objects.filter(
                rule=rule,
                person_id=person_id,
                state=RetentionSchedule.State.PENDING,
                kept_until=None,
            )
            if trigger is None:
                rows = rows.filter(trigger_date__isnull=False)
            else:
                rows = rows.filter(Q(trigger_date__isnull=True) | ~Q(trigger_date=trigger))
            moved += rows.update(trigger_date=trigger, due_on=rule.due_from(trigger))
    return moved


def _person_ids(instance) -> set:
    fields = PERSON_SOURCES.get(instance._meta.label, ())
    return {getattr(instance, name, None) for name in fields}


def on_save(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    for rule in rules_for(sender):
        engine.sync_schedules(rule, [instance.pk])
    if sender._meta.label in PERSON_SOURCES:
        recompute_persons(_person_ids(instance))
    if sender._meta.label == "contacts.Tenancy" and created:
        role_code = getattr(getattr(instance, "role", None), "code", None)
        if role_code == TENANT_ROLE:
            apply_event(ALLOCATION, instance.person)


def on_delete(sender, instance, **kwargs):
    content_type = ContentType.objects.get_for_model(sender)
    RetentionReview.objects.filter(
        content_type=content_type, object_id=instance.pk, status=RetentionReview.Status.OPEN
    ).update(status=RetentionReview.Status.CLOSED)
    RetentionReview.objects.filter(content_type=content_type, object_id=instance.pk).exclude(
        schedule=None
    ).update(schedule=None)
    RetentionSchedule.objects.filter(content_type=content_type, object_id=instance.pk).delete()
    if sender._meta.label in PERSON_SOURCES:
        recompute_persons(_person_ids(instance))


def connect() -> None:
    labels = {target.model_label for target in REGISTRY.values() if target.schedule_on_save} | set(
        PERSON_SOURCES
    )
    for label in sorted(labels):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(on_save, sender=model, dispatch_uid=f"retention.save.{label}")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"retention.delete.{label}")
