"""Names, streets, towns, mail domains and phone areas the generated persons and units are
made of: Dutch surnames with tussenvoegsels (most common first, for a Zipf-like pick), other
surnames, pieces for a long tail of rarer ones, given names with accents."""

# (prefix, surname) of the most common Dutch surnames, most frequent first.
COMMON_SURNAMES = [
    ("de", "Jong"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
    ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"),
    ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"),
    ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Bruin"),
    ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"),
    ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"),
    ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"), ("", "Huisman"),
    ("", "Peeters"), ("de", "Jonge"), ("", "Kuipers"), ("van", "Veen"), ("", "Post"),
    ("", "Kuiper"), ("", "Veenstra"), ("", "Kramer"), ("van den", "Brink"), ("", "Scholten"),
    ("van", "Wijk"), ("", "Postma"), ("", "Martens"), ("", "Vink"), ("de", "Ruiter"),
    ("", "Timmermans"), ("", "Groen"), ("", "Gerritsen"), ("", "Jonker"), ("van", "Loon"),
    ("", "Boer"), ("van der", "Velde"), ("", "Willemsen"), ("", "Smeets"), ("de", "Lange"),
    ("de", "Vos"), ("", "Bosch"), ("van", "Dongen"), ("", "Schipper"), ("de", "Koning"),
    ("van der", "Laan"), ("", "Koning"), ("van der", "Velden"), ("", "Driessen"),
    ("van", "Doorn"), ("", "Hermans"), ("", "Evers"), ("van den", "Bosch"), ("van der", "Meulen"),
    ("", "Hofman"), ("", "Bosman"), ("", "Wolters"), ("", "Sanders"), ("van der", "Horst"),
    ("", "Mol"), ("", "Kuijpers"), ("", "Molenaar"), ("van de", "Pol"), ("de", "Leeuw"),
    ("", "Verbeek"), ("in 't", "Veld"), ("van 't", "Hof"), ("ter", "Horst"), ("ten", "Brink"),
    ("d'", "Ancona"), ("", "Hoëlscher"), ("", "Reijnders"), ("", "Crijns"), ("", "Geçer"),
]  # fmt: skip
OTHER_SURNAMES = [
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan",
    "El Amrani", "Bouzid", "El Idrissi", "Benali", "Ait Taleb", "Boukhari", "Ramdin", "Biharie",
    "Mohan", "Kartosen", "Pinas", "Nguyen", "Tran", "Kowalski", "Nowak", "Wiśniewski",
    "Müller", "Schröder", "García", "Rodríguez", "Fernández", "Silva", "Gonçalves", "Haddad",
    "Mahamud", "Tesfay", "Osei", "Mensah", "Ibrahim", "Ahmadi", "Hosseini", "Dumitrescu",
]  # fmt: skip
TAIL_PREFIXES = ["", "", "", "", "Ver", "Ten", "Oost", "West", "Groot", "Klein", "Nieuw", "Hooge"]
TAIL_ROOTS = [
    "berg", "dijk", "hoek", "veen", "bos", "kamp", "hof", "brink", "horst", "meer", "wal",
    "beek", "broek", "mol", "hout", "laar", "zand", "steen", "velde", "heide", "kerk", "molen",
    "linde", "akker", "weide", "haar", "rade", "wijn", "schoot", "voort",
]  # fmt: skip
TAIL_SUFFIXES = [
    "man", "stra", "sma", "ink", "ing", "er", "s", "huis", "kamp", "hof", "veld", "ema",
    "inga", "werf", "land", "mans", "ers", "en", "ijk", "boom",
]  # fmt: skip
TAIL_PARTICLES = ["", "", "", "", "", "", "van", "van de", "van der", "van den", "de", "ter"]

GIVEN_NAMES = [
    "Jan", "Piet", "Kees", "Henk", "Wim", "Gerrit", "Johan", "Peter", "Hans", "Willem",
    "Anna", "Maria", "Johanna", "Cornelia", "Wilhelmina", "Ria", "Ingrid", "Marieke", "Ilse",
    "Sanne", "Lotte", "Daan", "Emma", "Noah", "Sem", "Julia", "Mila", "Tess", "Lucas", "Finn",
    "Sara", "Eva", "Liam", "Bram", "Joost", "Thijs", "Femke", "Anouk", "Ruben", "Jeroen",
    "Zoë", "Chloë", "Anaïs", "Noël", "René", "André", "Hélène", "Renée", "Céline", "Jérôme",
    "Fatima", "Mohammed", "Ayoub", "Yara", "Ibrahim", "Samira", "Khadija", "Youssef",
    "Mehmet", "Ayşe", "Emre", "Özlem", "Gökhan", "Rajesh", "Sunita", "Anh", "Thuy",
    "Agnieszka", "Paweł", "Dariusz", "Aylin", "Noor", "Amira", "Daniël", "Joëlle", "Inês",
]  # fmt: skip

STREET_ROOTS = [
    "Eiken", "Beuken", "Linden", "Berken", "Essen", "Wilgen", "Populieren", "Kastanje",
    "Tulp", "Roos", "Lelie", "Narcis", "Iris", "Klaver", "Distel", "Heide", "Vlier",
    "Merel", "Lijster", "Zwaluw", "Kievit", "Reiger", "Meeuw", "Mussen", "Vinken",
    "Rembrandt", "Vermeer", "Hals", "Steen", "Mondriaan", "Escher", "Breitner",
    "Oranje", "Nassau", "Wilhelmina", "Juliana", "Beatrix", "Emma", "Julianus",
    "Molen", "Kerk", "School", "Dorps", "Haven", "Sluis", "Dijk", "Polder", "Veld",
    "Zuider", "Noorder", "Ooster", "Wester", "Hooft", "Vondel", "Bilderdijk", "Multatuli",
    "Thorbecke", "Troelstra", "Drees", "Schaepman",
]  # fmt: skip
STREET_SUFFIXES = [
    "straat", "laan", "weg", "plein", "hof", "kade", "singel", "dreef", "pad", "erf",
]  # fmt: skip
TOWNS = [
    "Utrecht", "Amersfoort", "Zeist", "Nieuwegein", "Houten", "IJsselstein", "Vianen",
    "Woerden", "Veenendaal", "Bunnik",
]  # fmt: skip
MAIL_DOMAINS = [
    ("gmail.com", 30), ("hotmail.com", 20), ("outlook.com", 10), ("ziggo.nl", 10),
    ("kpnmail.nl", 8), ("live.nl", 7), ("icloud.com", 5), ("planet.nl", 4), ("home.nl", 3),
    ("xs4all.nl", 3),
]  # fmt: skip
LANDLINE_AREAS = ["30", "33", "34", "343", "318", "348", "20", "10", "70"]
