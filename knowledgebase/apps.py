"""The knowledge base's configuration: on start it keeps the retention article in step and
records the articles used for a registered contact (``contacts.hooks``)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from contacts.hooks import contact_registered

# The main navigation's label for the knowledge base; translated in this app's catalogue.
NAV_LABEL = _("Knowledge base")


class KnowledgebaseConfig(AppConfig):
    name = "knowledgebase"
    verbose_name = _("Knowledge base")

    def ready(self):
        # The article "Hoe lang bewaren we gegevens?" follows the retention rules.
        from . import generated

        generated.connect()
        # Models are ready only now: the receiver's module imports them.
        from .services.usage import record_uses_from_contact_form

        contact_registered.connect(record_uses_from_contact_form, dispatch_uid="kb-article-uses")
