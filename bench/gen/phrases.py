"""What the generated contacts, tasks, reads and signals say: the channels and their shares,
the subjects with their summary templates, the outcomes that ask for a task, the actions and
closing notes, what the access log records, the signal texts."""

CHANNELS = [  # VERA COMMUNICATIEKANAAL code, share, share inbound
    ("TEL", 45, 0.85), ("EMA", 19, 0.9), ("INT", 10, 1.0), ("BAL", 8, 1.0), ("APP", 6, 0.95),
    ("BEZ", 5, 0.3), ("BRI", 3, 0.4), ("SMS", 2, 0.2), ("INS", 2, 0.9),
]  # fmt: skip
SUBJECTS = {  # subject code: (share, summary templates)
    "reparatieverzoek": (30, [
        "Melding {defect_word} in de {room}, monteur ingepland.",
        "Huurder meldt {defect_word} in de {room} sinds {days} dagen.",
        "{defect_word} in de {room}; huurder is {daypart} thuis voor de monteur.",
        "Tweede melding {defect_word} {room}, eerdere reparatie hielp niet.",
    ]),
    "huur-betalen": (10, [
        "Vraag over de automatische incasso van de huur.",
        "Huur van deze maand nog niet afgeschreven, uitgelegd wanneer dat gebeurt.",
        "Huurder wil de incassodatum verzetten naar de {dom}e van de maand.",
        "Vraag over het bedrag op de jaaropgave huur.",
    ]),
    "betalingsregeling": (7, [
        "Huurder vraagt een betalingsregeling voor een achterstand van {amount} euro.",
        "Afspraak betalingsregeling: {months} termijnen van {part} euro.",
        "Betalingsregeling niet nagekomen, huurder teruggebeld.",
    ]),
    "persoonsgegevens": (6, [
        "Nieuw telefoonnummer doorgegeven.",
        "E-mailadres gewijzigd op verzoek van de huurder.",
        "Rekeningnummer voor de incasso gewijzigd.",
    ]),
    "woningverbetering": (3, [
        "Vraag of een {improvement} mag worden geplaatst (ZAV).",
        "Aanvraag zelf aangebrachte voorziening: {improvement}.",
    ]),
    "medehuur": (2, [
        "Vraag over medehuurderschap voor de partner.",
        "Afstandsverklaring medehuurder besproken.",
    ]),
    "overlast": (8, [
        "Melding geluidsoverlast van de buren, {daypart}.",
        "Overlast door honden in het trappenhuis.",
        "Huurder meldt stankoverlast in de galerij.",
        "Vervolgmelding overlast, buurtbemiddeling voorgesteld.",
    ]),
    "huuropzegging": (3, [
        "Huurder zegt de huur op per de {dom}e van volgende maand.",
        "Vraag over de eindinspectie bij opzegging.",
    ]),
    "woningruil": (1, ["Vraag over de voorwaarden voor woningruil."]),
    "huurverhoging": (5, [
        "Vraag over de jaarlijkse huurverhoging van {pct} procent.",
        "Huurder wil bezwaar maken tegen de huurverhoging.",
    ]),
    "servicekosten": (4, [
        "Vraag over de afrekening servicekosten van vorig jaar.",
        "Servicekosten schoonmaak trappenhuis te hoog volgens huurder.",
    ]),
    "sleutels": (4, [
        "Huurder heeft zichzelf buitengesloten, slotenmaker gebeld.",
        "Extra sleutel van de berging aangevraagd.",
    ]),
    "schimmel-vocht": (6, [
        "Schimmel in de {room}, advies over ventileren gegeven.",
        "Vochtplek op het plafond van de {room}.",
    ]),
    "ongedierte": (3, [
        "Muizen in de keuken, ongediertebestrijder ingeschakeld.",
        "Wespennest bij de voordeur.",
    ]),
    "privacy": (1, ["Verzoek om inzage in de eigen gegevens."]),
    "overig": (7, [
        "Algemene vraag over de wijk, doorverwezen naar de website.",
        "Vraag over het parkeren bij het complex.",
        "Vraag over de openingstijden van het kantoor.",
    ]),
}  # fmt: skip
ROOMS = ["keuken", "badkamer", "woonkamer", "slaapkamer", "toilet", "hal", "berging", "zolder"]
DEFECT_WORDS = [
    "lekkage", "verstopte afvoer", "kapotte kraan", "defecte cv-ketel", "klemmende deur",
    "kapot raam", "losse tegels", "storing mechanische ventilatie", "lekkend dak",
]  # fmt: skip
IMPROVEMENTS = ["dakkapel", "airco", "zonnepanelen", "schuur", "nieuwe keuken", "laminaatvloer"]
DAYPARTS = ["'s ochtends", "'s middags", "'s avonds", "'s nachts", "in het weekend"]
NOTES = [
    "Huurder was tevreden met de uitleg.",
    "Teruggebeld op het mobiele nummer.",
    "Afspraak bevestigd per e-mail.",
    "Foto's ontvangen via de app.",
    "Huurder vraagt om terugbellen na 17.00 uur.",
]  # fmt: skip
# Outcome: share among contacts with a person. The task outcomes' share is set from --scale's
# tasks/contacts ratio; the rest is split among answered and forwarded.
TASK_OUTCOMES = {"task": 0.35, "repair_request": 0.35, "callback": 0.2, "internal_note": 0.1}
TASK_KIND = {
    "task": "task",
    "repair_request": "repair_request",
    "callback": "callback",
    "internal_note": "internal_note",
}
ACTIONS = {
    "task": ["Terugkoppeling aan huurder na overleg met de wijkconsulent.", "Brief sturen."],
    "repair_request": ["Monteur inplannen.", "Opdracht aan de aannemer verstrekken."],
    "callback": ["Huurder terugbellen.", "Terugbellen over de status van de melding."],
    "internal_note": ["Ter informatie voor de wijkconsulent.", "Vastleggen voor het dossier."],
}
CLOSING = ["Afgehandeld met de huurder.", "Reparatie uitgevoerd.", "Huurder teruggebeld."]
ACCESS_WHAT = [  # what, share of the reads that are not tied to a contact
    ("card", 50), ("search_result", 30), ("contact_moment", 6), ("task", 8),
    ("caller_lookup", 4), ("signal_content", 1), ("export", 1),
]  # fmt: skip
SIGNAL_TEXT = {
    "ordinary": "Bij huisbezoek in {year} gedrag dat een tweede medewerker nodig maakt.",
    "special": "Huurder heeft ondersteuning nodig bij het regelen van zaken.",
    "criminal": "Melding van de politie ontvangen over de woning in {year}.",
}
