"""Every Dutch catalogue is complete, and each compiled .mo matches its .po."""

import gettext
import re

import pytest
from django.utils import translation

from tools import po

CATALOGUES = po.catalogues()


def entries(path):
    return [e for e in po.parse(path.read_text(encoding="utf-8")) if e["msgid"]]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(po.ROOT)))
def test_every_message_is_translated(path):
    assert entries(path), "empty catalogue"
    assert po.untranslated(entries(path)) == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(po.ROOT)))
def test_placeholders_survive_translation(path):
    for entry in entries(path):
        wanted = sorted(re.findall(r"%\(\w+\)[sd]", entry["msgid"]))
        for text in entry["msgstr"].values():
            assert sorted(re.findall(r"%\(\w+\)[sd]", text)) == wanted, entry["msgid"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(po.ROOT)))
def test_compiled_catalogue_is_up_to_date(path):
    with open(path.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries(path):
        if entry["msgid_plural"] is None:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]


def test_ui_language_is_dutch():
    with translation.override("nl"):
        assert translation.gettext("Log out") == "Uitloggen"
