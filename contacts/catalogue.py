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


# Signal types: (code, name, card label, VERA type, VERA detail, sensitivity, review days)
SIGNAL_TYPES = [
    (
        "bezoek-met-twee",
        "Bezoek met twee",
        "Veiligheidssignaal: bezoek met twee",
        "WAN",
        "BEZ",
        "ordinary",
        365,
    ),
    (
        "agressie-verbaal",
        "Verbale agressie",
        "Veiligheidssignaal: agressie",
        "AGR",
        "VEB",
        "ordinary",
        365,
    ),
    (
        "agressie-fysiek",
        "Fysieke agressie",
        "Veiligheidssignaal: agressie",
        "AGR",
        "FYS",
        "criminal",
        730,
    ),
    ("geluidsoverlast", "Geluidsoverlast", "Overlastsignaal", "OVE", "GEL", "ordinary", 365),
    (
        "vervuiling",
        "Vervuiling",
        "Signaal: vervuiling of verwaarlozing",
        "OVE",
        "VER",
        "ordinary",
        365,
    ),
    (
        "huurachterstand",
        "Betalingsachterstand",
        "Signaal: betalingsachterstand",
        "SCH",
        "BET",
        "ordinary",
        365,
    ),
    (
        "ondersteuning",
        "Ondersteuningsbehoefte",
        "Signaal: ondersteuningsbehoefte",
        "ONB",
        "AMB",
        "special",
        365,
    ),
    (
        "onderverhuur",
        "Onderverhuur",
        "Signaal: mogelijk oneigenlijk gebruik",
        "ONE",
        "OND",
        "ordinary",
        730,
    ),
    (
        "hennepkwekerij",
        "Hennepkwekerij",
        "Signaal: mogelijk oneigenlijk gebruik",
        "ONE",
        "HEN",
        "criminal",
        730,
    ),
]


def ensure_signal_types(signal_type_model, reference_code_model) -> int:
    """Create the missing default signal types (needs the VERA lists; idempotent)."""
    codes = {
        (code.code_list, code.code): code
        for code in reference_code_model.objects.filter(
            code_list__in=["SIGNALERINGSOORT", "SIGNALERINGDETAILSOORT"]
        )
    }
    created = 0
    for code, name, label, vera_type, vera_detail, sensitivity, days in SIGNAL_TYPES:
        vera = codes.get(("SIGNALERINGSOORT", vera_type))
        if vera is None:
            continue
        _obj, was_created = signal_type_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "card_label": label,
                "vera_type": vera,
                "vera_detail": codes.get(("SIGNALERINGDETAILSOORT", vera_detail)),
                "sensitivity": sensitivity,
                "review_after_days": days,
            },
        )
        created += was_created
    return created


# Purpose binding of the defaults: processing activity code per subject, task kind, signal type.
SUBJECT_PURPOSES = {
    "reparatieverzoek": "reparatieverzoeken",
    "huur-betalen": "huurincasso",
    "betalingsregeling": "huurincasso",
    "persoonsgegevens": "wijziging-persoonsgegevens",
    "woningverbetering": "klantcontact",
    "medehuur": "klantcontact",
    "overlast": "overlast-signalen",
    "huuropzegging": "huuropzegging",
    "woningruil": "klantcontact",
    "huurverhoging": "klantcontact",
    "servicekosten": "klantcontact",
    "sleutels": "reparatieverzoeken",
    "schimmel-vocht": "reparatieverzoeken",
    "ongedierte": "reparatieverzoeken",
    "privacy": "privacybeheer",
    "overig": "klantcontact",
}
TASK_KIND_PURPOSES = {
    "task": "klantcontact",
    "repair_request": "reparatieverzoeken",
    "callback": "klantcontact",
    "internal_note": "klantcontact",
}
SIGNAL_TYPE_PURPOSES = {"ondersteuning": "zorgsignalen", "huurachterstand": "huurincasso"}
DEFAULT_SIGNAL_PURPOSE = "overlast-signalen"


def bind_defaults(activity_model, subject_model, task_kind_model, signal_type_model) -> int:
    """Bind unbound default subjects, task kinds and signal types to their registered
    processing activities, where those exist (idempotent; never rebinds a bound record)."""
    activities = {a.code: a for a in activity_model.objects.all()}
    bound = 0
    for model, mapping, default in (
        (subject_model, SUBJECT_PURPOSES, None),
        (task_kind_model, TASK_KIND_PURPOSES, None),
        (signal_type_model, SIGNAL_TYPE_PURPOSES, DEFAULT_SIGNAL_PURPOSE),
    ):
        for record in model.objects.filter(processing_activity__isnull=True):
            activity = activities.get(mapping.get(record.code, default))
            if activity is not None:
                record.processing_activity = activity
                record.save(update_fields=["processing_activity"])
                bound += 1
    return bound
