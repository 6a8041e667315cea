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
