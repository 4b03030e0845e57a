"""The knowledge base's configuration: on start it keeps the retention article in step."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The main navigation's label for the knowledge base; translated in this app's catalogue.
NAV_LABEL = _("Knowledge base")


class KnowledgebaseConfig(AppConfig):
    name = "knowledgebase"
    verbose_name = _("Knowledge base")

    def ready(self):
        # The article "Hoe lang bewaren we gegevens?" follows the retention rules.
        from . import generated

        generated.connect()
