"""The guard on forms: warn and keep the input, or confirm with a reason that is logged."""

import re

import pytest
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation

from dataminimisation.forms import MinimisationGuardFormMixin, record_override
from dataminimisation.models import GuardOverride, SensitiveTerm
from dataminimisation.services import resolve_highlights
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SENSITIVE = "Mevrouw is diabetespatiënt en heeft een traplift nodig."
REASON = "Nodig voor de urgentieaanvraag bij de gemeente."


class ContactNoteForm(MinimisationGuardFormMixin, forms.Form):
    guarded_fields = ("summary", "notes")
    summary = forms.CharField(label="Samenvatting", max_length=200)
    notes = forms.CharField(label="Notities", required=False, widget=forms.Textarea)
    channel = forms.CharField(label="Kanaal")


class TermAdviceForm(MinimisationGuardFormMixin, forms.ModelForm):
    """A model form on a model with a text field, to follow the saved record."""

    guarded_fields = ("advice",)

    class Meta:
        model = SensitiveTerm
        fields = ["term", "category", "match_kind", "advice"]


def data(**extra):
    return {"summary": SENSITIVE, "notes": "", "channel": "telefoon", **extra}


def codes(form, field):
    return [e.code for e in form.errors.as_data().get(field, [])]


def confirmed_form(form_class=ContactNoteForm, values=None, reason=REASON, **kwargs):
    """Submit once, read the warning's token, then confirm with a reason: the real flow."""
    values = values or data()
    first = form_class(values, **kwargs)
    assert not first.is_valid()
    prefix = f"{first.prefix}-" if first.prefix else ""
    second = form_class(
        {
            **values,
            f"{prefix}minimisation_confirm": "on",
            f"{prefix}minimisation_reason": reason,
            first.minimisation_token_name: first.minimisation_token,
        },
        **kwargs,
    )
    return second


def test_clean_text_passes_and_logs_nothing():
    form = ContactNoteForm(data(summary="Lekkage in de badkamer, loodgieter komt dinsdag."))
    assert form.is_valid(), form.errors
    assert form.minimisation_findings == {}
    assert record_override(form, None, UserFactory()) == []
    assert GuardOverride.objects.count() == 0


def test_a_hit_returns_the_form_with_errors_highlights_and_the_input_kept():
    form = ContactNoteForm(data(notes="Zoon zit vast voor drugshandel.\nBelt terug."))
    assert not form.is_valid()
    assert codes(form, "__all__") == ["minimisation"]
    assert codes(form, "summary")[0] == "minimisation"
    assert len(codes(form, "summary")) >= 2  # what it may reveal, then the advice
    assert set(form.minimisation_findings) == {"summary", "notes"}
    summary = form.minimisation_findings["summary"]
    assert [s.text for s in summary.segments if s.marked] == ["diabetespatiënt"]
    assert "".join(s.text for s in summary.segments) == SENSITIVE
    notes = form.minimisation_findings["notes"]
    assert [s.category for s in notes.segments if s.marked] == ["criminal", "criminal"]
    # Everything typed is still in the bound form.
    html = form.as_div()
    assert "diabetespatiënt en heeft een traplift nodig." in html
    assert "Zoon zit vast voor drugshandel." in html
    assert 'value="telefoon"' in html
    assert GuardOverride.objects.count() == 0


def test_the_messages_are_plain_dutch():
    with translation.override("nl"):
        form = ContactNoteForm(data())
        form.is_valid()
        top = form.non_field_errors()[0]
        field = " ".join(form.errors["summary"])
    assert "bijzondere of strafrechtelijke persoonsgegevens (gezondheid)" in top
    assert "Beschrijf" in field and "aangepaste woning nodig" in field


def test_a_field_invalid_for_another_reason_is_still_checked():
    form = ContactNoteForm(data(summary="Meneer is depressief. " + "x" * 250))
    assert not form.is_valid()
    assert "max_length" in codes(form, "summary")
    assert "summary" in form.minimisation_findings


def test_confirming_without_a_reason_is_refused_and_logs_nothing():
    form = confirmed_form(reason="")
    assert not form.is_valid()
    assert codes(form, "minimisation_reason") == ["minimisation_reason"]
    assert not form.minimisation_confirmed
    assert record_override(form, None, UserFactory()) == []
    assert GuardOverride.objects.count() == 0


def test_a_too_short_reason_is_refused():
    form = confirmed_form(reason="nodig")
    assert not form.is_valid()
    assert codes(form, "minimisation_reason") == ["minimisation_reason"]


def test_the_reason_must_not_repeat_the_sensitive_details():
    form = confirmed_form(reason="Mevrouw is diabetespatiënt, dat moet erin.")
    assert not form.is_valid()
    assert codes(form, "minimisation_reason") == ["minimisation_reason_sensitive"]


def test_a_confirmation_covers_only_the_words_that_were_shown():
    form = confirmed_form()
    form.data = form.data.copy()
    form.data["summary"] = SENSITIVE + " Zoon zit in de gevangenis."
    assert not form.is_valid()
    assert codes(form, "__all__") == ["minimisation_changed"]
    # A blind confirm without ever seeing the warning is not accepted either.
    blind = ContactNoteForm(data(minimisation_confirm="on", minimisation_reason=REASON))
    assert not blind.is_valid()
    assert codes(blind, "__all__") == ["minimisation_changed"]


def test_confirming_with_a_reason_passes_and_records_an_override_per_field():
    employee = UserFactory()
    person = PersonFactory()
    values = data(notes="Meneer zit in de gevangenis.")
    form = confirmed_form(values=values)
    assert form.is_valid(), form.errors
    assert form.minimisation_confirmed
    rows = record_override(form, person, employee)
    assert len(rows) == 2
    by_field = {row.field: row for row in GuardOverride.objects.all()}
    summary = by_field["summary"]
    assert summary.employee == employee
    assert summary.reason == REASON
    assert summary.form == f"{__name__}.ContactNoteForm"
    assert summary.categories == "health"
    assert summary.highlights == [{"category": "health", "start": 11, "end": 26}]
    assert SENSITIVE[11:26] == "diabetespatiënt"
    assert summary.text_length == len(SENSITIVE)
    assert summary.content_type == ContentType.objects.get_for_model(person)
    assert summary.object_id == str(person.pk)
    assert summary.subject_person_id == person.pk
    assert by_field["notes"].categories == "criminal"
    assert str(summary).endswith(f"#{summary.pk}")


def test_the_log_stores_no_flagged_words():
    form = confirmed_form(values=data(notes="Meneer zit in de gevangenis."))
    assert form.is_valid(), form.errors
    record_override(form, None, UserFactory())
    for row in GuardOverride.objects.values():
        stored = " ".join(str(value) for value in row.values()).lower()
        for word in ("diabetes", "patiënt", "gevangenis", "traplift"):
            assert word not in stored


def test_the_override_follows_the_saved_record_of_a_model_form():
    values = {
        "term": "voorbeeldwoord",
        "category": "health",
        "match_kind": "word",
        "advice": "Schrijf niet dat meneer depressief is.",
    }
    form = confirmed_form(TermAdviceForm, values=values)
    assert form.is_valid(), form.errors
    record = form.save()
    (row,) = record_override(form, record, UserFactory())
    assert row.record == record
    assert row.subject_person_id is None
    assert [p.text for p in resolve_highlights(row)] == ["depressief"]
    record.advice = "Iets anders."
    record.save()
    row.refresh_from_db()
    assert resolve_highlights(row) is None  # text changed: offsets no longer apply


def test_record_override_uses_the_text_as_saved_when_the_view_changed_it():
    values = {"term": "ander", "category": "health", "match_kind": "word", "advice": "depressief"}
    form = confirmed_form(TermAdviceForm, values=values)
    assert form.is_valid(), form.errors
    record = form.save(commit=False)
    record.advice = "Meneer: depressief"
    record.save()
    (row,) = record_override(form, record, UserFactory())
    assert [p.text for p in resolve_highlights(row)] == ["depressief"]


def test_two_guarded_forms_on_one_page_keep_apart_by_prefix():
    """A contact and its task in one submit: each form has its own warning and confirm box."""
    post = {
        **data(summary="Kraan lekt."),
        "task-summary": "Bellen: meneer zit in de gevangenis.",
        "task-channel": "telefoon",
    }
    contact, task = ContactNoteForm(post), ContactNoteForm(post, prefix="task")
    assert contact.is_valid(), contact.errors
    assert not task.is_valid()
    assert task.minimisation_token_name == "task-minimisation_token"
    post.update(
        {
            "task-minimisation_confirm": "on",
            "task-minimisation_reason": REASON,
            "task-minimisation_token": task.minimisation_token,
        }
    )
    contact, task = ContactNoteForm(post), ContactNoteForm(post, prefix="task")
    assert contact.is_valid() and task.is_valid(), task.errors
    assert not contact.minimisation_confirmed and task.minimisation_confirmed


def test_guarding_an_unknown_field_is_a_programming_error():
    class Broken(MinimisationGuardFormMixin, forms.Form):
        guarded_fields = ("summary",)

    with pytest.raises(ImproperlyConfigured):
        Broken()


def test_fields_without_guard_leave_out_the_confirm_box():
    form = ContactNoteForm()
    assert [bf.name for bf in form.fields_without_guard()] == ["summary", "notes", "channel"]


def test_the_include_highlights_and_offers_the_confirm_box():
    form = ContactNoteForm(data())
    form.is_valid()
    html = render_to_string("dataminimisation/findings.html", {"form": form})
    assert re.search(r'<mark class="guard-mark guard-health">diabetespatiënt<', html)
    assert 'name="minimisation_confirm"' in html
    assert 'name="minimisation_reason"' in html
    assert f'name="minimisation_token" value="{form.minimisation_token}"' in html
    assert "dataminimisation/guard.css" in html
    assert "style=" not in html and "<script" not in html
    for label_for in re.findall(r'<label for="([^"]+)"', html):
        assert f'id="{label_for}"' in html
    preview = render_to_string(
        "dataminimisation/findings.html", {"form": form, "guard_readonly": True}
    )
    assert "<mark" in preview and "minimisation_confirm" not in preview


def test_the_include_renders_nothing_without_findings():
    form = ContactNoteForm(data(summary="Kraan lekt."))
    form.is_valid()
    assert render_to_string("dataminimisation/findings.html", {"form": form}).strip() == ""


def test_html_in_the_text_is_escaped():
    form = ContactNoteForm(data(summary="<b>depressief</b>"))
    form.is_valid()
    html = render_to_string("dataminimisation/findings.html", {"form": form})
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_erasure_and_retention_remove_the_overrides_about_a_person_or_record():
    from dataminimisation.services import delete_overrides_for_person, delete_overrides_for_record

    person, other = PersonFactory(), PersonFactory()
    for subject in (person, person, other):
        form = confirmed_form()
        assert form.is_valid(), form.errors
        record_override(form, subject, UserFactory())
    assert delete_overrides_for_person(person.pk) == 2
    assert list(GuardOverride.objects.values_list("subject_person_id", flat=True)) == [other.pk]
    assert delete_overrides_for_record(other) == 1
    assert not GuardOverride.objects.exists()
