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
