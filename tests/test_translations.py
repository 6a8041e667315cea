"""Bahasa Malaysia covers every string the code and templates pass through gettext."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from caseflow import i18n
from caseflow.domain.roles import Role
from tests.support import post_form

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "caseflow" / "translations" / "ms" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "N_": None,
}
METHODS = [
    ("caseflow/**.py", "python"),
    ("templates/**.html", "jinja2"),
]


def extracted_messages() -> set[str]:
    found = set()
    for method_map, options in (
        ([METHODS[0]], {}),
        ([METHODS[1]], {"templates/**.html": {"extensions": "jinja2.ext.do"}}),
    ):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map=method_map, options_map=options, keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def translations(entry) -> tuple[str, ...]:
    """Every form of a translation: one for a simple string, each plural form for ngettext."""
    return entry.string if isinstance(entry.string, tuple) else (entry.string,)


def test_every_string_has_a_malay_translation():
    catalogue = read_po(CATALOGUE.open("rb"))
    untranslated = sorted(
        message
        for message in extracted_messages()
        if not (entry := catalogue.get(message)) or entry.fuzzy or not all(translations(entry))
    )
    assert not untranslated, f"untranslated in ms: {untranslated}"


def test_compiled_catalogue_matches_the_reviewed_one():
    compiled = read_mo(CATALOGUE.with_suffix(".mo").open("rb"))
    reviewed = read_po(CATALOGUE.open("rb"))

    def table(catalogue) -> dict:
        def key(value):
            return tuple(value) if isinstance(value, list | tuple) else value

        return {key(m.id): key(m.string) for m in catalogue if m.id}

    assert table(compiled) == table(reviewed)


def test_language_switch_is_remembered_for_the_user(make_user, login_as, client):
    make_user(Role.CLINIC_STAFF, "kdh-clinic-klinik-kesihatan-bandar-alor-setar", username="n")
    login_as("n")
    post_form(client, "/language", {"language": "ms", "next": "/"}, token_from="/")
    assert "<h1>Laman klinik</h1>" in client.get("/").get_data(as_text=True)
    post_form(client, "/logout", {}, token_from="/")
    page = login_as("n")
    assert "<h1>Laman klinik</h1>" in page.get_data(as_text=True)


def test_signed_out_pages_follow_the_browser_language(client):
    page = client.get("/login", headers={"Accept-Language": "ms-MY,ms;q=0.9"})
    assert "<h1>Log masuk ke Caseflow</h1>" in page.get_data(as_text=True)


def test_a_forced_language_holds_inside_and_the_page_language_returns_after(app):
    """The request keeps its catalogue once found: another language for a while (an export in
    the language it was asked in) must not be answered from it, nor leave its own behind."""
    with app.test_request_context(headers={"Accept-Language": "ms"}):
        assert i18n.gettext("Case") == "Kes"
        assert i18n.ngettext("%(num)d case", "%(num)d cases", 2) == "2 kes"
        with i18n.force_locale("en_MY"):
            assert i18n.gettext("Case") == "Case"
            assert i18n.ngettext("%(num)d case", "%(num)d cases", 2) == "2 cases"
        assert i18n.gettext("Case") == "Kes"
        assert str(i18n.lazy_gettext("Case")) == "Kes"


def test_templates_and_code_speak_the_same_language(app):
    with app.test_request_context(headers={"Accept-Language": "ms"}):
        rendered = app.jinja_env.from_string(
            "{{ _('Case') }} · {{ ngettext('%(num)d case', '%(num)d cases', 3) }}"
        ).render()
    assert rendered == "Kes · 3 kes"


def test_dates_are_written_as_babel_writes_our_patterns(app):
    """`format_when` and `format_day` write the patterns themselves, for speed: in both
    languages, every month, and a moment whose Malaysian day and year are not UTC's."""
    from datetime import UTC, date, datetime

    from flask_babel import format_date, format_datetime

    moments = [datetime(2026, month, 1, 2, 5, tzinfo=UTC) for month in range(1, 13)]
    moments += [datetime(2026, 12, 31, 16, 30, tzinfo=UTC), datetime(2027, 3, 9, 23, 59)]
    days = [date(2026, month, 28) for month in range(1, 13)] + [date(987, 2, 3)]
    for language in ("ms", "en"):
        with app.test_request_context(headers={"Accept-Language": language}):
            for moment in moments:
                assert i18n.format_when(moment) == format_datetime(moment, i18n.DATETIME_PATTERN)
            for day in days:
                assert i18n.format_day(day) == format_date(day, i18n.DATE_PATTERN)
    with app.test_request_context(headers={"Accept-Language": "ms"}):
        assert i18n.format_when(moments[-2]) == "1 Jan 2027, 00:30"
        assert i18n.format_day(date(2026, 12, 1)) == "1 Dis 2026"
        with i18n.force_locale("en_MY"):  # an export in English from a Malay page
            assert i18n.format_day(date(2026, 12, 1)) == "1 Dec 2026"
        assert i18n.format_day(date(2026, 12, 1)) == "1 Dis 2026"


def test_template_date_filters_keep_flask_babels_meaning(app):
    """Our patterns for short and medium (and no size); any other size, a date given to the
    time filter, or nothing at all, as Flask-Babel writes it."""
    from datetime import UTC, date, datetime

    from flask_babel import format_date, format_datetime

    moment, day = datetime(2026, 12, 1, 7, 34, tzinfo=UTC), date(2026, 12, 1)
    with app.test_request_context(headers={"Accept-Language": "ms"}):
        render = app.jinja_env.from_string

        def filtered(expression: str, **values) -> str:
            return render("{{ " + expression + " }}").render(**values)

        assert filtered("m|datetimeformat('short')", m=moment) == "1 Dis 2026, 15:34"
        assert filtered("m|datetimeformat", m=moment) == "1 Dis 2026, 15:34"
        assert filtered("d|dateformat('medium')", d=day) == "1 Dis 2026"
        assert filtered("d|dateformat('full')", d=day) == format_date(day, "full")
        assert filtered("m|datetimeformat('long')", m=moment) == format_datetime(moment, "long")
        assert filtered("m|dateformat('medium')", m=moment) == format_date(moment, "medium")


def test_template_words_are_filled_as_jinjas_new_style_gettext_fills_them(app):
    """The templates' `_()` is ours, for speed: the same output as Jinja's own new-style
    callable on an escaped page and on a plain one, variables escaped, '%%' written once."""
    from jinja2 import Environment

    cases = [
        "{{ _('Case') }}",
        "{{ _('Reason') }}: {{ x }}",
        "{{ _('recorded late, %(when)s', when=x) }}",
        "{{ _('Page %(page)d of %(pages)d', page=2, pages=3) }}",
        "{{ gettext('Case') }}",
        "{{ _('50%% done') }}",
    ]
    for autoescape in (True, False):
        jinja = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
        jinja.install_gettext_callables(
            gettext=i18n.unfilled_gettext, ngettext=i18n.unfilled_ngettext, newstyle=True
        )
        ours = app.jinja_env.overlay(autoescape=autoescape)
        with app.test_request_context(headers={"Accept-Language": "ms"}):
            for source in cases:
                values = {"x": "<b>&</b>"}
                expected = jinja.from_string(source).render(values)
                assert ours.from_string(source).render(values) == expected, source
    with app.test_request_context(headers={"Accept-Language": "ms"}):
        page = app.jinja_env.from_string("{{ _('recorded late, %(when)s', when=x) }}")
        assert page.render(x="<b>") == "direkodkan lewat, &lt;b&gt;"
