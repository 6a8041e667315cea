"""The app's select field: WTForms' own, its markup written in one pass.

WTForms builds every option through `html_params`, a `Choice` tuple and a signature check per
render; on the case page (every receiver in the country, every court, the steps) that was a
fifth of the page's time. The markup is byte for byte WTForms' (tests/test_widgets.py); a
multiple select, or an option with attributes of its own, still goes through WTForms.
"""

from itertools import groupby
from operator import attrgetter

from markupsafe import Markup, escape
from wtforms import fields
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Select, html_params


class QuickSelect(Select):
    def __call__(self, field, **kwargs):
        choices = field.choices
        if self.multiple or not _plain(choices):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        for flag in self.validation_attrs:
            if flag not in kwargs and getattr(field.flags, flag, False):
                kwargs[flag] = getattr(field.flags, flag)
        html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        coerce, data = field.coerce, field.data
        if any(choice.optgroup is not None for choice in choices):
            for group, members in groupby(choices, key=attrgetter("optgroup")):
                if group is not None:
                    html.append(f'<optgroup label="{escape(group)}">')
                html.extend(_option(choice, coerce(choice.value) == data) for choice in members)
                if group is not None:
                    html.append("</optgroup>")
        else:
            html.extend(_option(choice, coerce(choice.value) == data) for choice in choices)
        html.append("</select>")
        return Markup("".join(html))


def _plain(choices) -> bool:
    """Choices this widget writes itself: SelectChoices with no attributes of their own."""
    return bool(choices) and all(
        type(choice) is SelectChoice and not choice.render_kw and not isinstance(choice.value, bool)
        for choice in choices
    )


def _option(choice: SelectChoice, selected: bool) -> str:
    label = escape(choice.label or choice.value)
    chosen = " selected" if selected else ""
    return f'<option{chosen} value="{escape(choice.value)}">{label}</option>'


class SelectField(fields.SelectField):
    """Every select of the app: WTForms' field, written by `QuickSelect`."""

    widget = QuickSelect()
