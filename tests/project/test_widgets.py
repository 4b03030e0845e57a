"""QuickSelect writes the same select list as Django's template-rendered Select."""

from html.parser import HTMLParser

from django import forms

from klantcontact.widgets import QuickSelect


class SelectParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []  # (tag, sorted attrs, text)

    def handle_starttag(self, tag, attrs):
        self.elements.append([tag, sorted(attrs), ""])

    def handle_endtag(self, tag):
        self.elements.append([f"/{tag}", [], ""])

    def handle_data(self, data):
        if data.strip() and self.elements:
            self.elements[-1][2] += data.strip()


def parsed(markup):
    parser = SelectParser()
    parser.feed(str(markup))
    return parser.elements


CHOICES = [
    ("", "---------"),
    ("1", "Team <Noord> & co"),
    ("2", 'Zuid "west"'),
    ("Groep", [("3", "Oost"), ("4", "Centrum")]),
]


def test_the_same_options_attributes_and_escaping_as_djangos_select():
    attrs = {"id": "id_team", "required": True, "autofocus": True, "data-x": 'a"b'}
    for value in ("2", "4", "", None):
        django_html = forms.Select(choices=CHOICES).render("team", value, attrs=attrs)
        quick_html = QuickSelect(choices=CHOICES).render("team", value, attrs=attrs)
        assert parsed(quick_html) == parsed(django_html), value
    quick = parsed(QuickSelect(choices=CHOICES).render("team", "4", attrs=attrs))
    # Not vacuous: escaped labels, one selected option inside the group.
    assert ["option", [("value", "1")], "Team <Noord> & co"] in quick
    assert ["option", [("selected", None), ("value", "4")], "Centrum"] in quick
    assert "<Noord>" not in QuickSelect(choices=CHOICES).render("team", None)


def test_a_model_choice_field_renders_its_queryset(db, team_noord, team_zuid):
    from contacts.forms import QuickModelChoiceField

    field = QuickModelChoiceField(queryset=type(team_noord).objects.order_by("name"))
    form = forms.Form()
    form.fields["team"] = field
    form.initial = {"team": team_zuid.pk}
    elements = parsed(form["team"].as_widget())
    options = [(attrs, text) for tag, attrs, text in elements if tag == "option"]
    assert options == [
        ([("value", "")], "---------"),
        ([("value", str(team_noord.pk))], "Team Noord"),
        ([("selected", None), ("value", str(team_zuid.pk))], "Team Zuid"),
    ]
