"""Form widgets of our own, where WTForms' would cost a page its speed."""

from markupsafe import Markup, escape
from wtforms.widgets import Select


class LongSelect(Select):
    """WTForms' select, its plain options written in one step.

    The case page offers every receiver in the country (about 120) and every court: WTForms
    builds each option's attributes through `html_params`, a fifth of that page's time. The
    markup is the same; an option with attributes of its own still goes through WTForms.
    """

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = " selected" if choice.selected else ""
        label = escape(choice.label or choice.value)
        return Markup(f'<option{selected} value="{escape(choice.value)}">{label}</option>')
