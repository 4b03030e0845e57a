"""What the contacts app's models hold about a person, for the registries that discover
``<app>.personal_data`` (persondata.registry, processingregister.inventory):

- ``fields``: ``PERSONAL_DATA``, the data category of every model field;
- ``subjects``: ``SUBJECT_DATA`` and ``COPY_SECTIONS``, the person-data registry's declarations.

Re-exports these names (and ``FREE_TEXT``, see persondata.free_text), which is where the
registries look for them.
"""

from .fields import FREE_TEXT, PERSONAL_DATA
from .subjects import COPY_SECTIONS, SUBJECT_DATA

__all__ = ["COPY_SECTIONS", "FREE_TEXT", "PERSONAL_DATA", "SUBJECT_DATA"]
