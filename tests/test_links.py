"""No file in the repository links outside it: a fresh clone must be readable on its own.

The rule, for every file git tracks:

- Markdown (`*.md`) and HTML (`*.html`, Jinja templates included): every relative link or image
  (`[text](target)`, `![alt](target)`, `[label]: target`, `href="..."`, `src="..."`) resolves,
  after dropping its `#fragment`, to a tracked file or directory inside the repository. Links
  inside code blocks and code spans are text, not links. A Markdown link may not start with
  `/` (that is a path on someone's machine, or a web root the clone does not have); a literal
  `/...` in a template is a route of the app itself and is allowed, as are Jinja expressions.
- External links are fine when they are `https://` or `http://` (official sources, the
  packages' own sites) or `mailto:`; `file:` links never are.
- Screenshots of the role guides (`docs/guides/img/*.png`) are made by the browser tests at
  test time and are not committed; tests/browser/test_guide_screenshots.py fails if a guide
  names one it did not produce.
- Any tracked text file: no path into the development machine's shared folders (`../shared`,
  `/work/`, `/home/`, `/Users/`, `file://`). Paths of a production install (`/srv/caseflow`,
  `/etc/caseflow.env`) are instructions, not links, and are allowed.
"""

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATED = re.compile(r"^docs/guides/img/[\w.-]+\.png$")
EXTERNAL = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)[^`].*?\1", re.DOTALL)
MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
# Built from parts so that this file does not match its own rule.
OUTSIDE = re.compile(
    "|".join(
        re.escape(part)
        for part in ("../" + "shared", "/" + "work/", "/" + "home/", "/" + "Users/", "file:" + "//")
    )
)


def tracked_files() -> list[str]:
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.fail("git ls-files failed: run the tests from a git checkout")
    return [name for name in listing.decode().split("\0") if name]


TRACKED = tracked_files()
TRACKED_SET = set(TRACKED)
TRACKED_DIRS = {str(Path(name).parent) for name in TRACKED} | {
    str(parent) for name in TRACKED for parent in Path(name).parents
}


def links_in(path: str, text: str) -> list[str]:
    if path.endswith(".md"):
        text = CODE_SPAN.sub("", FENCE.sub("", text))
        return MD_LINK.findall(text) + MD_REFERENCE.findall(text) + HTML_LINK.findall(text)
    return HTML_LINK.findall(text)


def broken(path: str, target: str) -> str | None:
    """Why this link leaves the repository, or None if it stays inside."""
    if not target or target.startswith("#") or EXTERNAL.match(target):
        return None
    if "{{" in target or "{%" in target:
        return None  # a Jinja expression: url_for and friends
    if target.lower().startswith("file:"):
        return "a file: link"
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
        return "a link with an unexpected scheme"
    if target.startswith("/"):
        if path.endswith(".html"):
            return None  # a route of the app, served by it
        return "an absolute path"
    relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
    resolved = (ROOT / path).parent.joinpath(relative).resolve()
    try:
        inside = resolved.relative_to(ROOT).as_posix()
    except ValueError:
        return "a path outside the repository"
    if inside in TRACKED_SET or inside in TRACKED_DIRS or GENERATED.match(inside):
        return None
    return f"{inside} is not in the repository"


def test_every_relative_link_resolves_inside_the_repository():
    problems = []
    for path in TRACKED:
        if not path.endswith((".md", ".html")):
            continue
        text = (ROOT / path).read_text(encoding="utf-8")
        for target in links_in(path, text):
            reason = broken(path, target)
            if reason:
                problems.append(f"{path}: {target} ({reason})")
    assert problems == []


#: Third-party files kept byte for byte as published (their checksums are recorded beside
#: them): their minified code holds strings such as "file://" that name no file of ours.
VENDORED = "static/vendor/"


def test_no_tracked_file_names_a_path_on_the_development_machine():
    this_file = Path(__file__).resolve().relative_to(ROOT).as_posix()
    problems = []
    for path in TRACKED:
        if path == this_file or path.startswith(VENDORED):
            continue
        try:
            text = (ROOT / path).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary files (fonts, compressed lists) hold no paths
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                problems.append(f"{path}:{number}: {line.strip()[:120]}")
    assert problems == []


@pytest.mark.parametrize(
    ("path", "target", "reason"),
    [
        ("README.md", "../" + "shared/SPEC.md", "a path outside the repository"),
        ("README.md", "/" + "work/shared/API.md", "an absolute path"),
        ("README.md", "docs/no-such-page.md", "docs/no-such-page.md is not in the repository"),
        ("docs/README.md", "file:///etc/passwd", "a file: link"),
        ("templates/base.html", "../../elsewhere.css", "a path outside the repository"),
    ],
)
def test_a_link_leaving_the_repository_is_caught(path, target, reason):
    assert broken(path, target) == reason


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("README.md", "docs/glossary.md"),
        ("README.md", "docs/glossary.md#section-titles"),
        ("docs/glossary.md", "../caseflow/domain/policies.py"),
        ("docs/glossary.md", "../caseflow/domain"),
        ("README.md", "https://huey.readthedocs.io"),
        ("templates/base.html", "{{ url_for('static', filename='css/caseflow.css') }}"),
        ("docs/guides/clinic-staff.en.md", "img/clinic-staff-1-home-en.png"),
    ],
)
def test_a_link_inside_the_repository_passes(path, target):
    assert broken(path, target) is None


def test_links_in_code_are_text_not_links():
    text = "See `[x](../elsewhere.md)` and\n```\n[y](/abs/path)\n```\n[z](docs/glossary.md)\n"
    assert links_in("README.md", text) == ["docs/glossary.md"]
