"""The Dutch catalogue is complete, and the compiled .mo matches the .po."""

import gettext
import re

from django.utils import translation

from tools import po

MO_PATH = po.PO_PATH.with_suffix(".mo")


def entries():
    return [e for e in po.parse(po.PO_PATH.read_text(encoding="utf-8")) if e["msgid"]]


def test_every_message_is_translated():
    assert entries(), "empty catalogue"
    assert po.untranslated(entries()) == []


def test_placeholders_survive_translation():
    for entry in entries():
        wanted = sorted(re.findall(r"%\(\w+\)s", entry["msgid"]))
        for text in entry["msgstr"].values():
            assert sorted(re.findall(r"%\(\w+\)s", text)) == wanted, entry["msgid"]


def test_compiled_catalogue_is_up_to_date():
    with open(MO_PATH, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries():
        if entry["msgid_plural"] is None:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]


def test_ui_language_is_dutch():
    with translation.override("nl"):
        assert translation.gettext("Log out") == "Uitloggen"
