"""Factories for data minimisation: entries of the lexicon."""

import factory
from factory.django import DjangoModelFactory


class SensitiveTermFactory(DjangoModelFactory):
    """A lexicon entry of the data-minimisation guard (the seeded lexicon is already there)."""

    class Meta:
        model = "dataminimisation.SensitiveTerm"

    term = factory.Sequence(lambda n: f"testterm{n}")
    category = "health"
    subcategory = ""
    match_kind = "stem"
    exceptions = ""
    advice = ""
    is_active = True
