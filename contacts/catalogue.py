"""The product's task kinds and the starting list of contact subjects.

Loaded by a data migration; the functional administrator edits the subjects afterwards.
"""

TASK_KINDS = [
    ("task", "Taak", 5),
    ("repair_request", "Reparatieverzoek", 10),
    ("callback", "Terugbelverzoek", 1),
    ("internal_note", "Interne notitie", 2),
]

SUBJECTS = [
    ("reparatieverzoek", "Reparatieverzoek", "Een defect in of aan de woning melden.", True, 10),
    (
        "huur-betalen",
        "Huur betalen en automatische incasso",
        "Betaalwijze, incasso, betaaldatum.",
        False,
        20,
    ),
    (
        "betalingsregeling",
        "Betalingsregeling of uitstel",
        "Achterstand, regeling treffen, uitstel.",
        False,
        30,
    ),
    (
        "persoonsgegevens",
        "Wijziging persoonsgegevens",
        "Adres, telefoon, e-mail, bankrekening.",
        False,
        40,
    ),
    (
        "woningverbetering",
        "Zelf aangebrachte voorziening",
        "Verbouwen of verbeteren door de huurder.",
        False,
        50,
    ),
    (
        "medehuur",
        "Medehuurderschap en afstandsverklaring",
        "Medehuurder, scheiding, afstand doen.",
        False,
        60,
    ),
    ("overlast", "Overlast", "Klachten over buren of de omgeving.", False, 70),
    ("huuropzegging", "Huur opzeggen", "Opzegging, eindinspectie, sleutels inleveren.", False, 80),
    ("woningruil", "Woningruil", "Ruilen met een andere huurder.", False, 90),
    (
        "huurverhoging",
        "Huurverhoging en bezwaar",
        "Jaarlijkse huurverhoging, bezwaar maken.",
        False,
        100,
    ),
    ("servicekosten", "Servicekosten", "Afrekening en voorschot servicekosten.", False, 110),
    ("sleutels", "Sleutels en sloten", "Sleutel kwijt, slot vervangen.", False, 120),
    ("schimmel-vocht", "Schimmel, vocht en ventilatie", "Vochtproblemen en ventilatie.", True, 130),
    ("ongedierte", "Ongedierte", "Muizen, kakkerlakken, wespen.", False, 140),
    (
        "privacy",
        "Privacy en inzage in gegevens",
        "Vragen over persoonsgegevens, inzageverzoek.",
        False,
        150,
    ),
    ("overig", "Overige vraag", "Vragen die nergens anders onder vallen.", False, 900),
]


def ensure_defaults(task_kind_model, subject_model) -> None:
    """Create the task kinds and default subjects that are missing (idempotent)."""
    for code, name, days in TASK_KINDS:
        task_kind_model.objects.get_or_create(
            code=code, defaults={"name": name, "default_days_due": days}
        )
    for code, name, description, asks_for_defect, order in SUBJECTS:
        subject_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "asks_for_defect": asks_for_defect,
                "sort_order": order,
            },
        )
