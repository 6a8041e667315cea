"""The app's fields written faster than WTForms writes them, byte for byte the same markup
(tests/test_widgets.py).

WTForms builds every option through `html_params`, a `Choice` tuple and a signature check per
render; on the case page (every receiver in the country, every court, the steps) that was a
fifth of the page's time. A multiple select, or an option with attributes of its own, still
goes through WTForms.

WTForms 3.3 writes each attribute through `Markup.format`, Python's string formatter run once
per attribute: 60 to 90 microseconds an input on our VM, and a case page writes thirty inputs.
`attributes` writes them directly; the app's form gives every input it (`quick`).
"""

from functools import cache
from itertools import groupby
from operator import attrgetter

from markupsafe import Markup, escape
from wtforms import fields
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Input, Select
from wtforms.widgets.core import clean_key


def attributes(**kwargs) -> Markup:
    """WTForms' `html_params`: sorted by name, `True` written bare, `False` left out, each
    value escaped with its double quotes as `&quot;` (markup given as a value too)."""
    written = []
    for key, value in sorted(kwargs.items()):
        if value is True:
            written.append(clean_key(key))
        elif value is not False:
            text = str(escape(value)).replace('"', "&quot;")
            written.append(f'{escape(clean_key(key))}="{text}"')
    return Markup(" ".join(written))


@cache
def _quick_class(input_class: type[Input]) -> type[Input]:
    return type(input_class.__name__, (input_class,), {"html_params": staticmethod(attributes)})


@cache
def quick(widget):
    """The same input writing its attributes with `attributes` (WTForms' inputs take theirs
    from a `html_params` of their class, for this); any other widget as it is."""
    if not isinstance(widget, Input):
        return widget
    faster = object.__new__(_quick_class(type(widget)))
    faster.__dict__.update(widget.__dict__)
    return faster


class QuickSelect(Select):
    def __call__(self, field, **kwargs):
        choices = field.choices
        if self.multiple or not _plain(choices):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        for flag in self.validation_attrs:
            if flag not in kwargs and getattr(field.flags, flag, False):
                kwargs[flag] = getattr(field.flags, flag)
        html = [f"<select {attributes(name=field.name, **kwargs)}>"]
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
