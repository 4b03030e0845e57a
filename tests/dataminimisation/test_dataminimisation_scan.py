"""The guard's matching rules on the seeded lexicon, and its cache following lexicon edits."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dataminimisation import services
from dataminimisation.models import Category, MatchKind, SensitiveTerm
from dataminimisation.normalise import fold, fold_with_offsets
from dataminimisation.services import Matcher, TermSpec
from tests.factories import SensitiveTermFactory

pytestmark = pytest.mark.django_db


def found(text):
    return [(f.category, f.phrase) for f in services.scan(text)]


def phrases(text):
    return [f.phrase for f in services.scan(text)]


# --- normalisation ----------------------------------------------------------------------------


def test_folding_lowercases_drops_accents_and_apostrophes():
    assert fold("Diabetespatiënt") == "diabetespatient"
    assert fold("COCAÏNE") == "cocaine"
    assert fold("Jehova’s") == "jehovas"


def test_offsets_point_back_into_the_typed_text():
    folded, offsets = fold_with_offsets("né’s x")
    assert folded == "nes x"
    assert [offsets[i] for i in range(len(folded))] == [0, 1, 3, 4, 5]
    assert offsets[-1] == len("né’s x")


# --- the seeded lexicon on realistic sentences ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "category"),
    [
        # compounds: the term inside a longer word
        ("Mevrouw is diabetespatiënt en heeft een traplift nodig.", "diabetespatiënt", "health"),
        ("Meneer heeft longkanker.", "longkanker", "health"),
        ("Huurder heeft een gokverslaving.", "gokverslaving", "health"),
        ("Er is een hennepkwekerij aangetroffen.", "hennepkwekerij", "criminal"),
        # stems with Dutch inflections
        ("Meneer is depressief sinds zijn scheiding.", "depressief", "health"),
        ("Zij zijn allebei verslaafd.", "verslaafd", "health"),
        ("Meneer is mishandeld door zijn zoon.", "mishandeld", "criminal"),
        ("De mishandeling is gemeld.", "mishandeling", "criminal"),
        ("Meneer is vorig jaar veroordeeld.", "veroordeeld", "criminal"),
        ("Agenten hebben de woning doorzocht.", "Agenten", "criminal"),
        ("De bovenburen dealen vanuit de berging.", "dealen", "criminal"),
        ("Hij is verlamd aan één kant.", "verlamd", "health"),
        ("Sinds de verlamming woont hij beneden.", "verlamming", "health"),
        ("Meneer is geopereerd aan zijn knie.", "geopereerd", "health"),
        # accents typed or not
        ("meneer is suikerpatient", "suikerpatient", "health"),
        ("Meneer is verslaafd aan cocaïne.", "cocaïne", "health"),
        ("Huurder heeft suïcidale uitspraken gedaan.", "suïcidale", "health"),
        # phrases, also across a hyphen or a line break
        ("Mevrouw is in verwachting.", "in verwachting", "health"),
        ("Mevrouw heeft een burn-out.", "burn-out", "health"),
        ("Politie kwam vanwege huiselijk\ngeweld.", "huiselijk\ngeweld", "criminal"),
        # whole words, whatever the case
        ("Meneer is lid van de FNV.", "FNV", "union"),
        ("Gaat elke vrijdag naar de moskee.", "moskee", "religion"),
        ("Ze is zwanger van de tweede.", "zwanger", "health"),
        ("Meneer stemt op de PVV.", "PVV", "politics"),
        ("Mevrouw is van Marokkaanse afkomst.", "Marokkaanse", "ethnicity"),
        ("Meneer is homo.", "homo", "sexual_orientation"),
        ("Zoon zit vast voor drugshandel.", "drugshandel", "criminal"),
    ],
)
def test_sensitive_wording_is_found(text, phrase, category):
    findings = services.scan(text)
    assert (category, phrase) in [(f.category, f.phrase) for f in findings]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.phrase


@pytest.mark.parametrize(
    "text",
    [
        "Verslag van de woningschouw gemaild naar de huurder.",  # verslag, not verslaving
        "Meneer kankerde over de lange wachttijd.",  # the verb, not the illness
        "De politieke partijen praten over de huurbevriezing.",  # politiek, not politie
        "Woning aan de Kerkstraat 12 heeft lekkage.",  # a street name, not a church
        "Het slot van de voordeur zit vast.",  # stuck, not detained
        "Melding is opgepakt door de aannemer.",  # picked up, not arrested
        "Agenda van de bewonersavond gemaild.",  # agenda, not agent
        "De nieuwe keuken is mevrouw goed bevallen.",  # pleased, not given birth
        "Buurman heeft een deal gemaakt met de aannemer.",  # a deal, not dealing
        "Huurder belt over de kinderziektes in de nieuwbouw.",  # teething troubles
        "De lekkage is afkomstig van de bovenburen.",  # afkomstig, not afkomst
        "Meterstanden opgenomen bij de oplevering.",
        "Medewerker van de gemeente belt over de wijkaanpak.",
        "Het was erg druk aan de balie vandaag.",
        "Huurachterstand, betalingsregeling afgesproken, incasso aangepast.",
        "De ventilatie blower maakt lawaai.",  # blower, not blowen
        # words found by auditing a Dutch vocabulary (not the corpus) against the lexicon
        "Buren draaien harde muziek.",  # muziek contains 'ziek'
        "Vraag over de wooncoöperatie in de wijk.",  # coöperatie contains 'operatie'
        "Zijn de kosten subsidiabel?",  # subsidiabel contains 'diabe'
        "De leidingen zijn ingebed in de vloer.",  # ingebed contains 'gebed'
        "Klacht over discriminatie bij de woningtoewijzing.",  # discriminatie: 'crimin'
        "Het lekdetectiebedrijf doet de lekopsporing.",  # opsporing of a leak
        "Getint glas in de voordeur is gebarsten.",  # tinted glass
        "Afspraak via MS Teams om tien uur.",  # not multiple sclerosis
        "Medicijnkastje in de badkamer hangt los.",  # a fixture
    ],
)
def test_ordinary_wording_is_not_flagged(text):
    assert services.scan(text) == []


def test_overlapping_terms_of_different_categories_both_count():
    findings = services.scan("Zoon is drugsverslaafd.")
    assert {(f.category, f.phrase) for f in findings} == {
        ("health", "drugsverslaafd"),
        ("criminal", "drugsverslaafd"),
    }


def test_a_phrase_and_a_word_of_the_same_category_give_one_finding():
    findings = services.scan("Meneer heeft een verstandelijke beperking.")
    assert [(f.category, f.phrase) for f in findings] == [("health", "verstandelijke beperking")]


def test_findings_carry_dutch_advice_default_or_the_terms_own():
    medication = services.scan("Mevrouw slikt medicijnen.")[0]
    assert medication.subcategory == "medication"
    assert medication.advice == services.default_advice("health", "medication")
    assert medication.advice  # never empty
    ill = services.scan("De monteur is ziek.")[0]
    assert ill.advice.startswith("Noteer niet dat iemand ziek is")


def test_segments_mark_the_phrases_and_keep_the_rest():
    text = "Mw is diabetespatiënt, dhr verslaafd."
    pieces = services.segments(text, services.scan(text))
    assert "".join(p.text for p in pieces) == text
    assert [p.text for p in pieces if p.marked] == ["diabetespatiënt", "verslaafd"]
    assert all(p.category_label == str(Category.HEALTH.label) for p in pieces if p.marked)


def test_segments_merge_overlapping_findings():
    text = "Zoon is drugsverslaafd."
    pieces = services.segments(text, services.scan(text))
    assert [p.text for p in pieces if p.marked] == ["drugsverslaafd"]


# --- match kinds and exceptions on a small lexicon --------------------------------------------


def small(*specs):
    return Matcher.build(specs)


def test_whole_word_matches_only_the_word():
    matcher = small(TermSpec("fnv", "union", MatchKind.WORD))
    assert [f.phrase for f in matcher.scan("lid van de FNV, FNV-lid")] == ["FNV", "FNV"]
    assert matcher.scan("fnvx fnvs") == []


def test_stem_allows_inflections_but_not_other_words():
    matcher = small(TermSpec("kerk", "religion", MatchKind.STEM))
    assert [f.phrase for f in matcher.scan("de kerk, twee kerken, kerkje")] == [
        "kerk",
        "kerken",
        "kerkje",
    ]
    assert matcher.scan("Kerkstraat, kerkhofpad") == []


def test_compound_matches_anywhere_in_a_word():
    matcher = small(TermSpec("diabe", "health", MatchKind.COMPOUND))
    assert [f.phrase for f in matcher.scan("Diabetes; diabetespatiënt; prediabetes")] == [
        "Diabetes",
        "diabetespatiënt",
        "prediabetes",
    ]


def test_exceptions_silence_only_the_listed_words():
    matcher = small(TermSpec("politie", "criminal", MatchKind.COMPOUND, exceptions=("politiek*",)))
    assert [f.phrase for f in matcher.scan("politieagent, politieke partij, Politiek")] == [
        "politieagent"
    ]


def test_scan_of_empty_text_is_empty():
    assert services.scan("") == []
    assert services.scan(None) == []


# --- the lexicon as data: validation, edits take effect at once -------------------------------


def test_term_validation():
    with pytest.raises(ValidationError) as excinfo:
        SensitiveTerm(term="a b", category="health", match_kind=MatchKind.COMPOUND).full_clean()
    assert "match_kind" in excinfo.value.error_dict
    with pytest.raises(ValidationError) as excinfo:
        SensitiveTerm(term="ms", category="health", match_kind=MatchKind.COMPOUND).full_clean()
    assert "term" in excinfo.value.error_dict
    with pytest.raises(ValidationError) as excinfo:
        SensitiveTerm(term="xyzterm", category="religion", subcategory="medication").full_clean()
    assert "subcategory" in excinfo.value.error_dict
    with pytest.raises(ValidationError) as excinfo:
        SensitiveTerm(term="xyzterm", category="health", exceptions="***").full_clean()
    assert "exceptions" in excinfo.value.error_dict
    with pytest.raises(ValidationError) as excinfo:  # same word after folding: a duplicate
        SensitiveTerm(term="Zwánger", category="health", match_kind="compound").full_clean()
    assert "term" in excinfo.value.error_dict
    SensitiveTerm(term="xyzterm", category="health", subcategory="illness").full_clean()


def test_str_names_the_term_not_a_person():
    term = SensitiveTermFactory(term="voorbeeldterm", match_kind="word")
    assert str(term).startswith("voorbeeldterm (")


def test_a_new_term_takes_effect_immediately():
    assert found("Mevrouw heeft tinnitus.") == []
    SensitiveTermFactory(term="tinnitus", category="health", match_kind="compound")
    assert found("Mevrouw heeft tinnitus.") == [("health", "tinnitus")]


def test_deactivating_editing_and_deleting_terms_take_effect_immediately():
    term = SensitiveTerm.objects.get(term="moskee")
    assert found("naar de moskee") == [("religion", "moskee")]
    term.is_active = False
    term.save()
    assert found("naar de moskee") == []
    term.is_active = True
    term.exceptions = "moskee"
    term.save()
    assert found("naar de moskee") == []
    term.exceptions = ""
    term.category = "ethnicity"
    term.save()
    assert found("naar de moskee") == [("ethnicity", "moskee")]
    term.delete()
    assert found("naar de moskee") == []


def test_a_change_made_by_another_process_is_noticed():
    """Another worker's edit sends no signal here; the lexicon fingerprint still changes."""
    assert found("Mevrouw gaat naar de synagoge.") == [("religion", "synagoge")]
    matcher = services.get_matcher()
    assert services.get_matcher() is matcher  # cached while nothing changes
    SensitiveTerm.objects.filter(term="synagoge").update(
        is_active=False, updated_at=timezone.now() + timezone.timedelta(seconds=1)
    )
    assert found("Mevrouw gaat naar de synagoge.") == []
    assert services.get_matcher() is not matcher


def test_the_seeded_lexicon_covers_every_category_with_valid_terms():
    terms = list(SensitiveTerm.objects.all())
    assert len(terms) > 300
    assert {t.category for t in terms} == set(Category.values)
    for term in terms:
        term.full_clean(validate_unique=False)
