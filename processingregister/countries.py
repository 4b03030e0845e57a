"""Countries for transfers and parties (ISO 3166-1 alpha-2), with their Dutch names.

The EEA (EU plus Iceland, Liechtenstein and Norway) is where the AVG applies directly; a
transfer to any other country needs a safeguard from chapter V of the AVG.
"""

EEA = {
    "AT": "Oostenrijk",
    "BE": "België",
    "BG": "Bulgarije",
    "CY": "Cyprus",
    "CZ": "Tsjechië",
    "DE": "Duitsland",
    "DK": "Denemarken",
    "EE": "Estland",
    "ES": "Spanje",
    "FI": "Finland",
    "FR": "Frankrijk",
    "GR": "Griekenland",
    "HR": "Kroatië",
    "HU": "Hongarije",
    "IE": "Ierland",
    "IS": "IJsland",
    "IT": "Italië",
    "LI": "Liechtenstein",
    "LT": "Litouwen",
    "LU": "Luxemburg",
    "LV": "Letland",
    "MT": "Malta",
    "NL": "Nederland",
    "NO": "Noorwegen",
    "PL": "Polen",
    "PT": "Portugal",
    "RO": "Roemenië",
    "SE": "Zweden",
    "SI": "Slovenië",
    "SK": "Slowakije",
}

THIRD_COUNTRIES = {
    "AU": "Australië",
    "BR": "Brazilië",
    "CA": "Canada",
    "CH": "Zwitserland",
    "CN": "China",
    "GB": "Verenigd Koninkrijk",
    "IL": "Israël",
    "IN": "India",
    "JP": "Japan",
    "KR": "Zuid-Korea",
    "MA": "Marokko",
    "NZ": "Nieuw-Zeeland",
    "PH": "Filipijnen",
    "RS": "Servië",
    "TR": "Turkije",
    "UA": "Oekraïne",
    "US": "Verenigde Staten",
    "ZA": "Zuid-Afrika",
}

NAMES = {**EEA, **THIRD_COUNTRIES}
CHOICES = sorted(NAMES.items(), key=lambda item: item[1])
THIRD_COUNTRY_CHOICES = sorted(THIRD_COUNTRIES.items(), key=lambda item: item[1])


def in_eea(code: str) -> bool:
    return code in EEA


def name(code: str) -> str:
    return NAMES.get(code, code)
