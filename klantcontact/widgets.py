"""Form widgets shared by the apps."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def _escape(value) -> str:
    """Django's ``conditional_escape`` without its lazy-string wrapper (called per option)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    if not attrs:
        return ""
    if attrs == {"selected": True}:
        return " selected"
    return flatatt(attrs)


class QuickSelect(forms.Select):
    """A select list written in Python: the same HTML as Django's template-rendered Select,
    without a template include per option. Long lists (all employees, the teams three times,
    the defect codes) cost the contact form tens of milliseconds per page that way."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_escape(widget["name"])}"{flatatt(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{_escape(group_name)}">')
            parts.extend(
                f'<option value="{_escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 (names, values and labels escaped)
