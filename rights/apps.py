"""The rights app's configuration: it registers the active restrictions (art. 18) as a source
for the one restriction rule in ``persondata.restriction``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def restricted_persons(person_ids):
    """The persons among ``person_ids`` with an active restriction of processing (art. 18)."""
    # apps.py is imported before the models are ready; the models only exist by the first call.
    from .models import ProcessingRestriction

    return ProcessingRestriction.objects.filter(
        person_id__in=list(person_ids), ended_at__isnull=True
    ).values_list("person_id", flat=True)


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Data-subject rights")

    def ready(self):
        # Not at the top: persondata.restriction imports contenttypes' models (not ready yet).
        from persondata import restriction

        restriction.register_source(restricted_persons)
