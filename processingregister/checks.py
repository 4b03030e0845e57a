"""System checks of the processing register.

``processingregister.E101``..``E105``: the personal-data inventory (see ``inventory``). Every
model field of every project app must be classified in ``<app>/personal_data.py``; ``manage.py
check`` (and so ``.ci/run``) fails otherwise, with the model, the field and the file to edit.
"""

from django.core import checks

from . import inventory

PERSONAL_DATA_TAG = "personal_data"


@checks.register(PERSONAL_DATA_TAG, checks.Tags.models)
def check_personal_data_inventory(app_configs=None, **kwargs):
    return [
        checks.Error(
            problem.message,
            hint=problem.hint or None,
            obj=problem.obj,
            id=f"processingregister.{problem.code}",
        )
        for problem in inventory.all_problems(app_configs)
    ]
