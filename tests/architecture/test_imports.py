"""The direction of imports is the architecture: this test parses every module and enforces it.

Rules (style.md section 2):
1. Qt stays at the top: no module in desktop.domain, desktop.store, desktop.services, desktop.documents
   or sync imports PySide6 (desktop.selftest may, lazily, to check the Qt platform plugin).
2. sync never imports desktop.
3. Client and server share only the protocol: sync.client never imports sync.service or fastapi, and
   sync.service never imports sync.client.
4. The app never starts the server: desktop never imports sync.service.
5. The UI talks to services: desktop.ui never imports desktop.store.orm, sqlalchemy sessions or engines.
6. Domain rules are pure: desktop.domain imports neither sqlalchemy nor desktop.store nor desktop.services.
7. The register's rules (sync.protocol.register_rules), called by both the app and the service, import
   no framework: no pydantic, sqlalchemy, fastapi or sync.service. Nor do the rules both sides count
   with (issue 13): the working-day calendar, the timescales, their configuration and errors, and the
   quality measures (sync.protocol.calendar, timescales, rules_config, rule_errors, quality).
10. Domain rules import from the protocol only the rules shared with the service and the enums:
   sync.protocol.enums, register_rules, calendar, timescales, rules_config, rule_errors, quality.
8. Commands sit above services: desktop.documents (the renderer) imports neither desktop.services nor
   desktop.commands; nothing in services or store imports desktop.commands; commands import no Qt.
9. The sync engine (sync.engine) imports neither desktop nor Qt.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _modules(package: str) -> Iterator[tuple[str, Path]]:
    base = ROOT / package.replace(".", "/")
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        yield name, path


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _all_modules() -> list[tuple[str, Path]]:
    return [*_modules("desktop"), *_modules("sync")]


def _violations(package: str, forbidden: tuple[str, ...], allow: frozenset[str] = frozenset()) -> list[str]:
    """Forbidden imports in ``package`` and below; a package that does not exist yet has none."""
    bad = []
    for name, path in _all_modules():
        if name in allow or not (name == package or name.startswith(package + ".")):
            continue
        for imp in _imports(path):
            if any(imp == f or imp.startswith(f + ".") for f in forbidden):
                bad.append(f"{name} imports {imp}")
    return bad


QT = ("PySide6", "shiboken6")

RULES = [
    ("desktop.domain", QT + ("sqlalchemy", "desktop.store", "desktop.services", "desktop.ui"), frozenset()),
    ("desktop.store", QT + ("desktop.services", "desktop.ui", "desktop.documents"), frozenset()),
    ("desktop.services", QT + ("desktop.ui",), frozenset()),
    ("desktop.documents", QT + ("desktop.ui", "desktop.services", "desktop.commands"), frozenset()),
    ("desktop.services", ("desktop.commands",), frozenset()),
    ("desktop.store", ("desktop.commands",), frozenset()),
    ("desktop.commands", QT + ("desktop.ui",), frozenset()),
    ("sync", QT + ("desktop",), frozenset()),
    ("sync.client", ("sync.service", "fastapi", "starlette", "uvicorn"), frozenset()),
    ("sync.engine", QT + ("desktop", "sync.service", "fastapi", "starlette", "uvicorn"), frozenset()),
    ("sync.service", ("sync.client", "sync.engine"), frozenset()),
    ("desktop", ("sync.service", "fastapi", "uvicorn"), frozenset()),
    ("desktop.ui", ("desktop.store.orm", "desktop.store.engine", "sqlalchemy"), frozenset()),
    ("sync.protocol.register_rules", ("pydantic", "sqlalchemy", "fastapi", "sync.service"), frozenset()),
    *(
        (f"sync.protocol.{shared}", ("pydantic", "sqlalchemy", "fastapi", "sync.service", "sync.client"), frozenset())
        for shared in ("calendar", "timescales", "rules_config", "rule_errors", "quality")
    ),
    (
        "desktop.domain",
        ("sync.protocol.canonical", "sync.protocol.records", "sync.protocol.messages", "sync.protocol.audit_head"),
        frozenset(),
    ),
]


@pytest.mark.parametrize(("package", "forbidden", "allow"), RULES, ids=[r[0] + "-rule" for r in RULES])
def test_import_rule(package: str, forbidden: tuple[str, ...], allow: frozenset[str]) -> None:
    assert _violations(package, forbidden, allow) == []


def test_rules_see_the_main_packages() -> None:
    """Guard against a vacuous pass: the layers the rules talk about are really scanned."""
    names = {name for name, _ in _all_modules()}
    expected = (
        "desktop.domain",
        "desktop.store",
        "desktop.services",
        "desktop.ui",
        "sync.protocol",
        "sync.protocol.register_rules",
        "sync.protocol.calendar",
        "sync.protocol.timescales",
        "sync.service",
        "sync.engine.run",
        "desktop.commands.sync_once",
        "desktop.documents",
    )
    for package in expected:
        assert package in names


def test_checker_catches_a_violation(tmp_path: Path) -> None:
    """The rule checker itself must notice a forbidden import (guards against a vacuous pass)."""
    bad = tmp_path / "m.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert _imports(bad) == {"PySide6.QtCore", "sqlalchemy.orm"}


def test_every_module_has_a_docstring() -> None:
    missing = []
    for package in ("desktop", "sync"):
        for name, path in _modules(package):
            if "/forms/" in str(path) or "/migrations/versions/" in str(path):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if path.stat().st_size and ast.get_docstring(tree) is None:
                missing.append(name)
    assert missing == []
