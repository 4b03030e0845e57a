"""The default retention rules, with their legal source. Loaded by a data migration and by
``manage.py load_default_rules``; afterwards the privacy officer maintains them in the admin.

Plain data (no model imports): the migration uses it with the historical models. Category codes
come from ``processingregister.categories``; activity codes are the register's (linked when the
register has them). Names and sources are register content (Dutch), not interface text.
"""

SEED_000 = "Werkproces 'beheren klantcontacten' (seed 000)"
SEED_002 = "Privacy in het sociaal domein, §5.4 'Bewaren en vernietigen' (seed 002)"
SEED_003 = "Bijzondere persoonsgegevens bij woningcorporaties (seed 003)"
SEED_004 = "Privacyreglement, art. 9 en 11 (seed 004)"

DEFAULT_RULES = [
    {
        "code": "klantcontact-anonimiseren",
        "name": "Contactmomenten anonimiseren twee jaar na het einde van de klantrelatie",
        "category": "klantcontact",
        "activity": "klantcontact",
        "target": "contact_moment",
        "trigger": "last_contact",
        "period_amount": 2,
        "period_unit": "years",
        "action": "anonymise",
        "legal_source": (
            "Verwerkingsregister, 'Klantcontacten en klantvolgsysteem': contactmomenten blijven "
            "zichtbaar zolang de klantrelatie loopt en gaan twee jaar na het einde ervan (laatste "
            f"contact, einde huurovereenkomst of machtiging). {SEED_000}: is de relatie verbroken, "
            "dan worden de gegevens van betrokkene verwijderd. AVG art. 5 lid 1 sub e "
            "(opslagbeperking). Datum, kanaal, onderwerp en afhandeling blijven zonder "
            "persoonsgegevens bewaard voor managementinformatie."
        ),
    },
    {
        "code": "anonieme-contacten",
        "name": "Contacten zonder bekende persoon anonimiseren een jaar na het contact",
        "category": "klantcontact",
        "activity": "klantcontact",
        "target": "anonymous_contact_moment",
        "trigger": "created",
        "period_amount": 1,
        "period_unit": "years",
        "action": "anonymise",
        "legal_source": (
            f"{SEED_000}: de relatie geldt als verbroken een jaar na het laatste contact. Een "
            "beller die niet is geïdentificeerd heeft geen lopende relatie: het contact zelf is "
            "het laatste. De samenvatting kan toch iets over de beller zeggen."
        ),
    },
    {
        "code": "taken-anonimiseren",
        "name": "Taken en reparatieverzoeken anonimiseren twee jaar na afsluiten",
        "category": "onderhoud",
        "activity": "reparatieverzoeken",
        "target": "task",
        "trigger": "closed",
        "period_amount": 2,
        "period_unit": "years",
        "action": "anonymise",
        "legal_source": (
            "Verwerkingsregister, 'Reparatieverzoeken en onderhoud': twee jaar na gereedmelding, "
            "voor garantie en klachtafhandeling. Een heropende taak heeft geen vervaldatum tot "
            "ze opnieuw is afgesloten."
        ),
    },
    {
        "code": "telefoonnummers-na-huur",
        "name": "Telefoonnummers verwijderen twee jaar na het einde van de huur",
        "category": "contactgegevens",
        "activity": "wijziging-persoonsgegevens",
        "target": "phone_number",
        "trigger": "tenancy_end",
        "period_amount": 2,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "Contactgegevens zijn na het einde van de huur alleen nog nodig voor de "
            "eindafrekening en nazorg. Verwerkingsregister, 'Klantcontacten': twee jaar na het "
            "einde van de huurovereenkomst. AVG art. 5 lid 1 sub c en e."
        ),
    },
    {
        "code": "emailadressen-na-huur",
        "name": "E-mailadressen verwijderen twee jaar na het einde van de huur",
        "category": "contactgegevens",
        "activity": "wijziging-persoonsgegevens",
        "target": "email_address",
        "trigger": "tenancy_end",
        "period_amount": 2,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "Als telefoonnummers: twee jaar na het einde van de huurovereenkomst. E-mailadressen "
            "voor klanttevredenheidsonderzoek volgen de huurdersadministratie (seed 001)."
        ),
    },
    {
        "code": "huurovereenkomst-fiscaal",
        "name": "Huurovereenkomsten zeven jaar na het einde bewaren (fiscale bewaarplicht)",
        "category": "huurovereenkomst",
        "activity": "huurincasso",
        "target": "tenancy",
        "trigger": "tenancy_end",
        "period_amount": 7,
        "period_unit": "years",
        "action": "delete",
        "is_statutory": True,
        "legal_source": (
            "Fiscale bewaarplicht, art. 52 lid 4 Algemene wet inzake rijksbelastingen: zeven "
            "jaar. Verwerkingsregister, 'Huurincasso' en 'Huuropzegging'. Ook op verzoek niet "
            f"eerder: {SEED_004}, art. 9.4 (verwijdering blijft achterwege voor zover een "
            "wettelijk voorschrift bewaring vereist). De persoon blijft zolang bestaan."
        ),
    },
    {
        "code": "relatie-verwijderen",
        "name": "Personen verwijderen twee jaar na het einde van de klantrelatie",
        "category": "identificatie",
        "activity": "klantcontact",
        "target": "person",
        "trigger": "last_contact",
        "period_amount": 2,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            f"{SEED_000}: wanneer de relatie is verbroken worden de gegevens van betrokkene "
            "verwijderd. Verwerkingsregister, 'Klantcontacten': twee jaar na het einde van de "
            "klantrelatie. Een persoon blijft zolang gegevens met een langere (wettelijke) "
            "termijn aan hem hangen, zoals de huurovereenkomst."
        ),
    },
    {
        "code": "machtigingen-herbeoordelen",
        "name": "Verlopen machtigingen een jaar na afloop herbeoordelen",
        "category": "vertegenwoordiging",
        "activity": "wijziging-persoonsgegevens",
        "target": "mandate",
        "trigger": "date_field",
        "trigger_field": "valid_to",
        "period_amount": 1,
        "period_unit": "years",
        "action": "review",
        "legal_source": (
            f"{SEED_002}: bij het afsluiten een expliciete en verifieerbare afweging welke "
            "gegevens hoe lang nodig blijven, en na die periode een nieuwe afweging. Een "
            "verlopen machtiging blijft een jaar het bewijs van de bevoegdheid voor de gevoerde "
            "contacten; daarna beslist de eigenaar: verwijderen of met reden bewaren, "
            "ten hoogste vijf jaar per afweging (§5.4c)."
        ),
    },
    {
        "code": "signalen-herbeoordelen",
        "name": "Signalen op de herbeoordelingsdatum opnieuw afwegen",
        "category": "woongedrag",
        "activity": "overlast-signalen",
        "target": "signal",
        "trigger": "review_date",
        "period_amount": 0,
        "period_unit": "days",
        "action": "review",
        "legal_source": (
            f"{SEED_002}, over signalen: 'voorlopig bewaren, na x maanden opnieuw bezien'; bouw "
            "in dat een medewerker na die periode opnieuw een expliciete, verifieerbare afweging "
            f"maakt. {SEED_003}: signalen kort bewaren. Geen stilzwijgende verlenging; elk "
            "signaal heeft een herbeoordelingsdatum, uiterlijk twee jaar na registratie."
        ),
    },
    {
        "code": "signalen-beeindigd",
        "name": "Beëindigde signalen verwijderen twee jaar na beëindiging",
        "category": "woongedrag",
        "activity": "overlast-signalen",
        "target": "signal",
        "trigger": "closed",
        "period_amount": 2,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "Verwerkingsregister, 'Overlastmeldingen en signalen over woongedrag': twee jaar na "
            "afsluiting van het dossier; bij een gerechtelijke procedure een juridische "
            "bewaring (legal hold) tot de uitspraak onherroepelijk is."
        ),
    },
    {
        "code": "medische-urgentie",
        "name": "Medische urgentie direct na toewijzing van de woning verwijderen",
        "category": "gezondheid",
        "activity": "woonruimteverdeling-urgentie",
        "target": "signal",
        "record_kinds": "medische-urgentie",
        "trigger": "event",
        "event_code": "allocation",
        "period_amount": 0,
        "period_unit": "days",
        "action": "delete",
        "legal_source": (
            f"{SEED_003}: op het moment dat de woning is toegewezen vervalt de noodzaak om "
            "medische indicaties te verwerken, en dan dient de corporatie die gegevens direct te "
            "verwijderen (art. 57 Btiv 2015). De toewijzing is het begin van een "
            "huurovereenkomst als huurder; een medische urgentie die hier als signaal van het "
            "type 'medische-urgentie' is vastgelegd gaat dan meteen, niet pas 's nachts. De "
            "urgentieaanvraag zelf staat in WoonMatch."
        ),
    },
    {
        "code": "woningzoekenden",
        "name": "Inschrijvingen van woningzoekenden een jaar na uitschrijving verwijderen",
        "category": "identificatie",
        "activity": "",
        "target": "",
        "trigger": "deregistration",
        "period_amount": 1,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            f"{SEED_000}: de relatie geldt als verbroken een jaar na de laatste opdracht. De "
            "inschrijvingen staan in WoonMatch, niet in deze applicatie: deze regel legt het "
            "beleid vast; de afspraak met WoonMatch regelt de uitvoering."
        ),
    },
    {
        "code": "inzagelog",
        "name": "Regels van het inzagelog verwijderen twee jaar na registratie",
        "category": "logging",
        "activity": "gebruikersbeheer",
        "target": "access_log",
        "trigger": "created",
        "period_amount": 2,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "Verwerkingsregister, 'Gebruikersbeheer en logging': logregels twee jaar. AVG art. "
            "32 en art. 5 lid 2: lang genoeg om misbruik te onderzoeken en de controles van de "
            "FG te doen. Het inzagelog volgt deze eigen regel, niet die van de persoon."
        ),
    },
    # --- Added with the register consistency check (retention.checks, migration 0003) -------
    {
        "code": "zorgsignalen-beeindigd",
        "name": "Signalen over een ondersteuningsbehoefte een jaar na beëindiging verwijderen",
        "category": "gezondheid",
        "activity": "zorgsignalen",
        "target": "signal",
        "record_kinds": "ondersteuning",
        "trigger": "closed",
        "period_amount": 1,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "Verwerkingsregister, 'Signalen over een ondersteuningsbehoefte': een jaar na "
            "afsluiting. Het register heeft hier gelijk, niet de algemene signaalregel van twee "
            "jaar ('signalen-beeindigd', voor overlast): dit signaal bevat gezondheidsgegevens "
            "(AVG art. 9), vastgelegd met toestemming van een kwetsbare huurder. "
            f"{SEED_003}: signalen kort bewaren en bijzondere gegevens alleen zolang het doel "
            f"het vraagt. {SEED_002}: 'voorlopig bewaren, na x maanden opnieuw bezien' en bij het "
            "afsluiten een expliciete afweging; vijf jaar (§5.4c) is het maximum voor "
            "regie-informatie van wijkteams, niet de norm voor een corporatie. AVG art. 5 lid 1 "
            "sub c en e. De kortere regel gaat voor: het signaal gaat na een jaar, de algemene "
            "regel van twee jaar komt dan niet meer aan de beurt. Intrekken van de toestemming "
            "verwijdert het signaal direct."
        ),
    },
    {
        "code": "nummerherkenning",
        "name": "Nummerherkenning van bellers drie maanden na het gesprek verwijderen",
        "category": "telefonie",
        "activity": "telefonie",
        "target": "access_log",
        "record_kinds": "caller_lookup",
        "trigger": "created",
        "period_amount": 3,
        "period_unit": "months",
        "action": "delete",
        "legal_source": (
            "Verwerkingsregister, 'Telefonie-integratie': gespreksgegevens (nummer, tijdstip) "
            "drie maanden. In deze applicatie laat de nummerherkenning alleen een regel in het "
            "inzagelog na (soort 'caller_lookup': bij welk inkomend gesprek welk dossier is "
            "opgezocht, en wanneer); dat zijn gespreksgegevens, geen inzage van het dossier. "
            "Het openen van de klantkaart daarna staat apart in het inzagelog en volgt de regel "
            "'inzagelog' (twee jaar, AVG art. 32). Opnames en gespreksduur staan bij BelWijs "
            "(verwerkersovereenkomst). AVG art. 5 lid 1 sub c en e."
        ),
    },
    {
        "code": "verzoeken-betrokkenen",
        "name": "Verzoeken van betrokkenen vijf jaar na afhandeling verwijderen",
        "category": "klantcontact",
        "activity": "privacybeheer",
        "target": "data_subject_request",
        "trigger": "closed",
        "period_amount": 5,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "AVG art. 5 lid 2 en art. 12 lid 3 en 4 (verantwoordingsplicht): de corporatie moet "
            "kunnen aantonen dat en hoe een verzoek om inzage, rectificatie, wissing, beperking "
            f"of bezwaar binnen de termijn is afgehandeld ({SEED_004}, art. 8.2 en 9.3: vier "
            "weken), ook nadat de gegevens zelf op verzoek zijn gewist (art. 9.6). Vijf jaar "
            "na afhandeling sluit aan bij de verjaring van een vordering tot schadevergoeding "
            "(AVG art. 82 jo. art. 3:310 BW: vijf jaar) en blijft binnen het maximum van "
            f"{SEED_002}, §5.4c. De stappen van de afhandeling (gebeurtenissen) gaan met het "
            "verzoek mee. Een open verzoek heeft geen vervaldatum; loopt er een klacht bij de "
            "Autoriteit Persoonsgegevens of een procedure, dan een juridische bewaring. Geen "
            "wettelijke bewaarplicht: de persoon zelf volgt zijn eigen regel."
        ),
    },
    {
        "code": "verklaringen-betrokkenen",
        "name": "Verklaringen van betrokkenen twee jaar na het einde van de klantrelatie "
        "verwijderen",
        "category": "klantcontact",
        "activity": "klantcontact",
        "target": "person_statement",
        "trigger": "last_contact",
        "period_amount": 2,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            f"{SEED_004}, art. 9.1: de gegevens worden aangevuld met de verklaring van "
            "betrokkene; AVG art. 16. De verklaring hoort bij de gegevens die ze betwist en "
            "blijft zolang die er zijn: twee jaar na het einde van de klantrelatie, zoals de "
            "contactmomenten en de persoon (Verwerkingsregister, 'Klantcontacten')."
        ),
    },
    {
        "code": "privacybeheer-overeenkomsten",
        "name": "Verwerkersovereenkomsten en convenanten zeven jaar na afloop verwijderen",
        "category": "zakelijk-contact",
        "activity": "privacybeheer",
        "target": "",
        "trigger": "closed",
        "period_amount": 7,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "Verwerkingsregister, 'Privacybeheer': overeenkomsten, met de namen en "
            "contactgegevens van de contactpersonen, zeven jaar na afloop: zo lang moet de "
            "corporatie kunnen aantonen dat een verstrekking een grondslag had (AVG art. 5 lid "
            "2 en art. 28 lid 3), aansluitend bij de bewaarplicht van de administratie "
            "(art. 2:10 lid 3 BW). De engine heeft geen bewaardoel voor het register: de FG "
            "voert deze regel uit bij de jaarlijkse controle van het register."
        ),
    },
    {
        "code": "datalekregister",
        "name": "Datalekken en registerversies vijf jaar na afsluiting verwijderen",
        "category": "logging",
        "activity": "privacybeheer",
        "target": "",
        "trigger": "closed",
        "period_amount": 5,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "AVG art. 33 lid 5: elk datalek wordt gedocumenteerd, zodat de Autoriteit "
            "Persoonsgegevens de naleving kan controleren. Verwerkingsregister, 'Privacybeheer': "
            "datalekken en versies van het register vijf jaar na afsluiting. De FG voert deze "
            "regel uit; de engine heeft geen bewaardoel voor het register."
        ),
    },
    {
        "code": "tevredenheidsonderzoek",
        "name": "Antwoorden op tevredenheidsonderzoek een jaar na de meting verwijderen",
        "category": "tevredenheid",
        "activity": "klanttevredenheid",
        "target": "",
        "trigger": "closed",
        "period_amount": 1,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "Verwerkingsregister, 'Klanttevredenheidsonderzoek': antwoorden een jaar na "
            "afronding van de meting; het onderzoeksbureau verwijdert de uitnodigingsbestanden "
            "binnen 30 dagen na het veldwerk (verwerkersovereenkomst met KlantMeter, seed 001). "
            "De antwoorden staan bij KlantMeter, niet in deze applicatie: deze regel legt het "
            "beleid vast. Een afmelding voor onderzoek blijft zolang de persoon bestaat, zodat "
            "een afgemelde huurder niet opnieuw wordt uitgenodigd."
        ),
    },
    {
        "code": "eindafrekening-fiscaal",
        "name": "Eindafrekeningen zeven jaar na het einde van de huur bewaren (fiscaal)",
        "category": "financieel",
        "activity": "huuropzegging",
        "target": "",
        "trigger": "tenancy_end",
        "period_amount": 7,
        "period_unit": "years",
        "action": "delete",
        "is_statutory": True,
        "legal_source": (
            "Fiscale bewaarplicht, art. 52 lid 4 Algemene wet inzake rijksbelastingen: zeven "
            "jaar. Verwerkingsregister, 'Huuropzegging en eindinspectie'. De eindafrekening "
            "staat in het Vastgoed-ERP, niet in deze applicatie: deze regel legt het beleid "
            "vast. De huurovereenkomst zelf volgt 'huurovereenkomst-fiscaal'."
        ),
    },
    {
        "code": "woninggegevens",
        "name": "Woninggegevens niet meer aan een persoon koppelen na het einde van de huur",
        "category": "woning",
        "activity": "",
        "target": "",
        "trigger": "tenancy_end",
        "period_amount": 7,
        "period_unit": "years",
        "action": "anonymise",
        "legal_source": (
            "De woning (adres, eenheidnummer) is vastgoed van de corporatie en blijft bestaan; "
            "een persoonsgegeven is ze alleen via wie er woont. Die koppeling vervalt met de "
            "huurovereenkomst (zeven jaar na het einde, art. 52 lid 4 AWR, regel "
            "'huurovereenkomst-fiscaal') en met de contactmomenten (geanonimiseerd twee jaar "
            "na het einde van de klantrelatie; de eenheid blijft dan zonder persoon voor "
            "managementinformatie). AVG art. 5 lid 1 sub e."
        ),
    },
    # --- Added with the disclosure log (disclosures app, migration 0004) ---------------------
    {
        "code": "verstrekkingenlog",
        "name": "Verstrekkingen aan derden vijf jaar na de verstrekking verwijderen",
        "category": "logging",
        "activity": "privacybeheer",
        "target": "disclosure",
        "trigger": "created",
        "period_amount": 5,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "AVG art. 5 lid 2 (verantwoordingsplicht) en art. 19: de corporatie moet kunnen "
            "aantonen welke gegevens zij met welke ontvanger deelde, onder welk convenant of "
            "welke wettelijke plicht, en de ontvangers na een rectificatie of wissing kunnen "
            "inlichten. Vijf jaar, zoals de verzoeken van betrokkenen en de datalekken "
            "(Verwerkingsregister, 'Privacybeheer'), binnen het maximum van "
            f"{SEED_002}, §5.4c. De export van een periodieke verstrekking gaat eerder: die "
            "wordt geleegd zodra een persoon erin gewist wordt."
        ),
    },
    {
        "code": "huurachterstanden",
        "name": "Standen van huurachterstand twee jaar na de peildatum verwijderen",
        "category": "financieel",
        "activity": "huurincasso",
        "target": "arrears_position",
        "trigger": "created",
        "period_amount": 2,
        "period_unit": "years",
        "action": "delete",
        "legal_source": (
            "Verwerkingsregister, 'Huurincasso': een betalingsregeling twee jaar na volledige "
            "betaling. De standen komen uit het Vastgoed-ERP (dat de administratie zelf zeven "
            "jaar bewaart, art. 52 AWR) en dienen hier alleen de vroegsignalering aan de "
            "gemeente (art. 4a Wgs): twee jaar na de peildatum is het signaal van toen niet "
            "meer nodig."
        ),
    },
]
