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


WRITES = {"commit", "add", "add_all", "delete", "flush", "merge"}
CORE_WRITES = {"insert", "update", "delete"}
#: Showing which facilities a user supervises (their profile, an admin's form) is not a rule.
SHOWS_SUPERVISION = {"api/directory.py", "web/admin/users.py"}


def door_files() -> list[Path]:
    return sorted([*(CASEFLOW / "web").rglob("*.py"), *(CASEFLOW / "api").rglob("*.py")])


def session_writes(tree: ast.AST) -> list[str]:
    """`db.session.commit()` and its kin: a change of data belongs in a service."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "session"
        ):
            found.append(f"session.{node.func.attr}() at line {node.lineno}")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found += [f"imports {a.name}" for a in node.names if a.name in CORE_WRITES]
    return found


def permission_logic(tree: ast.AST, name: str) -> list[str]:
    """A role compared, or supervision read, in a view: that rule belongs in permissions/."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Compare)
            and any(
                isinstance(side, ast.Attribute) and side.attr == "role"
                for side in (node.left, *node.comparators)
            )
            and any(isinstance(op, ast.Is | ast.IsNot) for op in node.ops)
        ):
            found.append(f"role compared at line {node.lineno}")
        reads_supervision = isinstance(node, ast.Attribute) and node.attr == "supervises"
        if reads_supervision and name not in SHOWS_SUPERVISION:
            found.append(f"supervises read at line {node.lineno}")
    return found


@pytest.mark.parametrize("path", door_files(), ids=lambda p: str(p.relative_to(CASEFLOW)))
def test_front_doors_hold_no_writes_and_no_permission_rules(path):
    tree = ast.parse(path.read_text())
    name = str(path.relative_to(CASEFLOW))
    assert not session_writes(tree), f"{name}: {session_writes(tree)}"
    assert not permission_logic(tree, name), f"{name}: {permission_logic(tree, name)}"
