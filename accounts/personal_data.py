"""Personal-data inventory of the accounts app (checked by processingregister, see
processingregister/inventory.py): every field classified with a data category code from
processingregister/categories.py, or NOT_PERSONAL."""

from persondata.registry import NOT_PERSONAL

PERSONAL_DATA = {
    # Employees are data subjects too.
    "User": {
        "username": "medewerker",
        "first_name": "medewerker",
        "last_name": "medewerker",
        "email": "medewerker",
        "date_joined": "medewerker",
        "password": "autorisatie",
        "last_login": "autorisatie",
        "is_superuser": "autorisatie",
        "is_staff": "autorisatie",
        "is_active": "autorisatie",
        "groups": "autorisatie",
        "user_permissions": "autorisatie",
    },
    "Team": NOT_PERSONAL,
    # Which employee holds which right on a team.
    "TeamUserObjectPermission": {
        "permission": "autorisatie",
        "user": "autorisatie",
        "content_object": "autorisatie",
    },
    "TeamGroupObjectPermission": NOT_PERSONAL,
    # The employee's account at the identity provider and their last sign-in there.
    "ExternalIdentity": {
        "user": "medewerker",
        "subject": "medewerker",
        "last_seen": "autorisatie",
    },
    "ProviderGroupMapping": NOT_PERSONAL,
}
