"""Drop the compiled lexicon of this process as soon as a term changes.

Other processes notice the change through the lexicon fingerprint (services.get_matcher).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SensitiveTerm
from .services import invalidate_lexicon_cache


@receiver(post_save, sender=SensitiveTerm, dispatch_uid="dataminimisation.term_saved")
@receiver(post_delete, sender=SensitiveTerm, dispatch_uid="dataminimisation.term_deleted")
def lexicon_changed(sender, **kwargs):
    invalidate_lexicon_cache()
