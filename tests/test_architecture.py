"""The rules of the work stay plain Python: nothing under domain/ may import Flask or SQLAlchemy."""

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parent.parent / "caseflow" / "domain"
FORBIDDEN = ("flask", "flask_babel", "flask_login", "sqlalchemy", "werkzeug", "caseflow.models")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: p.name)
def test_domain_module_imports_no_framework(path):
    offending = {
        m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN or m in FORBIDDEN
    }
    assert not offending, f"{path.name} imports {offending}"


CASEFLOW = DOMAIN.parent


def front_door_imports(door: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(CASEFLOW)): imported_modules(path)
        for path in sorted((CASEFLOW / door).rglob("*.py"))
    }


@pytest.mark.parametrize(("door", "other"), [("api", "caseflow.web"), ("web", "caseflow.api")])
def test_neither_front_door_imports_the_other(door, other):
    """What both need (time, pages, PDFs, sign-in rules) lives below them, in caseflow.http."""
    crossing = {
        name: {m for m in modules if m == other or m.startswith(other + ".")}
        for name, modules in front_door_imports(door).items()
    }
    assert not {name: mods for name, mods in crossing.items() if mods}
