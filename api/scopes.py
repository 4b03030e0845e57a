"""The scopes an API client can hold, and what each means for which persons.

- ``lookup``: caller lookup by phone number. Matches any person with that number (the phone
  platform cannot know teams), but returns the least: the person's id and the URL of the
  customer card. The employee who opens the card passes the pages' own access policy.
- ``persons:read``: person search, a person and their contact moments. Only persons visible to
  the client's service account by ``access.policy.persons_visible_to``: the tenants of the
  client's teams, plus persons the client registered a contact for (involvement).
- ``contacts:write``: register a contact moment for such a person.
- ``tasks:write``: list, create and close tasks of the client's teams (or its own).
- ``kb:read``: knowledge-base search; published articles only (approved to be passed on).
- ``reference:read``: the VERA code lists in use. No personal data.
- ``portal:intake``: the tenant portal registers what a tenant reported (channel INT) with a
  task or repair request, for the tenant the portal authenticated (by relation number). Any
  current tenant; the answer names nothing but the created records.
- ``survey:export``: the survey bureau's e-mail list (``rights.services.survey_export``); only
  under a processor agreement covering the survey purpose.
- ``erp:import``: the ERP sends batches of persons, units or tenancies
  (``erpimport.services.import_rows``, as the ``import_erp`` command); the answer is the run's
  report (counts and refused row numbers with reasons), never the rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    LOOKUP = "lookup", _("caller lookup by phone number")
    PERSONS_READ = "persons:read", _("search and read persons in the client's teams")
    CONTACTS_WRITE = "contacts:write", _("register contact moments")
    TASKS_WRITE = "tasks:write", _("list, create and close tasks")
    KB_READ = "kb:read", _("search the knowledge base")
    REFERENCE_READ = "reference:read", _("read the VERA code lists")
    PORTAL_INTAKE = "portal:intake", _("tenant portal intake")
    SURVEY_EXPORT = "survey:export", _("survey export (e-mail list)")
    DISCLOSURES_WRITE = "disclosures:write", _("record disclosures to third parties")
    ERP_IMPORT = "erp:import", _("import persons, units and tenancies from the ERP")


ALL_SCOPES = tuple(Scope.values)
