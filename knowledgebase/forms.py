"""Knowledge-base forms: search, feedback, gaps, status and review, and the admin article form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from referencedata.models import CodeList, ReferenceCode

from .models import Article, Category, SearchGap, SynonymGroup


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the knowledge base"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "placeholder": _("For example: lekkage, huur betalen lukt niet, sleutel kwijt"),
            }
        ),
    )
    categorie = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("All categories"),
    )
    kanaal = forms.ModelChoiceField(
        label=_("Channel"),
        queryset=ReferenceCode.objects.none(),
        required=False,
        empty_label=_("All channels"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].queryset = Category.objects.all()
        self.fields["categorie"].label_from_instance = str
        self.fields["kanaal"].queryset = ReferenceCode.objects.of_list(CodeList.CHANNEL).usable()
        self.fields["kanaal"].label_from_instance = lambda code: code.name


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Did this article help?"),
        choices=[("1", _("Yes, it helped")), ("0", _("No, it did not help"))],
        coerce=lambda value: value == "1",
    )


class GapReportForm(forms.Form):
    q = forms.CharField(label=_("Search words"), max_length=400)
    next = forms.CharField(required=False, max_length=400)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Article.Status.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ReviewForm(forms.Form):
    next_review = forms.DateField(
        label=_("Next review by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: one year from today."),
    )


class GapActionForm(forms.Form):
    ACTIONS = [
        ("resolve", _("Answered by an article")),
        ("dismiss", _("Dismiss")),
        ("reopen", _("Reopen")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    article = forms.ModelChoiceField(
        label=_("Article that answers it"),
        queryset=Article.objects.none(),
        required=False,
        empty_label=_("Choose an article"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = Article.objects.searchable().order_by("title")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "resolve" and not cleaned.get("article"):
            self.add_error("article", _("Choose the article that answers this question."))
        return cleaned


class GapFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        choices=SearchGap.Status.choices,
        required=False,
    )


class ArticleAdminForm(forms.ModelForm):
    change_note = forms.CharField(
        label=_("What did you change?"),
        max_length=300,
        required=False,
        help_text=_("Shown in the version history, e.g. 'Opzegtermijn aangepast'."),
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "summary",
            "body",
            "keywords",
            "channels",
            "related",
            "owner",
            "review_by",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
            "body": forms.Textarea(attrs={"rows": 20, "class": "vLargeTextField"}),
            "keywords": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            "channels": forms.CheckboxSelectMultiple,
        }


class SynonymGroupAdminForm(forms.ModelForm):
    class Meta:
        model = SynonymGroup
        fields = ["terms", "note", "is_active"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 2})}
