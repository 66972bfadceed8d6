"""The package map in bot/__init__.py holds: each package imports only what its docstring allows."""
from __future__ import annotations

import ast
from pathlib import Path

from bot.config import PROJECT_ROOT

FOUNDATIONS = {"config", "db", "models", "vocabulaire", "tijd", "geheimen"}
ALLOWED = {  # package -> packages of bot it may import besides the foundations
    "foundations": set(),
    "gesprek": {"netwerk", "overdracht"},
    "netwerk": set(),
    "overdracht": set(),
    "meldingen": set(),
    "privacy": {"overdracht", "signalen"},
    "signalen": {"gesprek"},
    "rasa_adapters": {"gesprek", "netwerk", "overdracht", "privacy", "signalen"},
    "web": {"gesprek", "netwerk", "overdracht", "privacy", "signalen", "meldingen"},
    "runtime": {"gesprek", "netwerk", "overdracht", "privacy", "signalen", "meldingen", "rasa_adapters", "web"},
}


def _package(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT / "bot").parts
    return "foundations" if len(parts) == 1 else parts[0]


def _imported(tree: ast.AST) -> set[str]:
    """Top-level packages of bot/ (or 'actions') that a module imports, also inside functions."""
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "actions":
                found.add("actions")
            elif parts[0] == "bot" and len(parts) > 1:
                found.add("foundations" if parts[1] in FOUNDATIONS else parts[1])
    return found


def test_every_package_imports_only_what_the_map_allows():
    wrong = []
    for path in sorted((PROJECT_ROOT / "bot").rglob("*.py")):
        package = _package(path)
        allowed = ALLOWED[package] | {package, "foundations"}
        if path.name == "action_server.py":
            allowed = allowed | {"actions"}  # it runs them
        extra = _imported(ast.parse(path.read_text(encoding="utf-8"))) - allowed
        if extra:
            wrong.append(f"{path.relative_to(PROJECT_ROOT)} imports {sorted(extra)}")
    assert not wrong, "\n".join(wrong)


def test_the_map_lists_every_package():
    packages = {p.name for p in (PROJECT_ROOT / "bot").iterdir() if (p / "__init__.py").exists()}
    assert packages == set(ALLOWED) - {"foundations"}
    doc = (PROJECT_ROOT / "bot" / "__init__.py").read_text(encoding="utf-8")
    assert all(f"`{p}`" in doc for p in packages)


def test_no_test_module_imports_another_test_module():
    """Shared helpers live in conftest.py (or a helper module), so a test file can move or go on its own."""
    wrong = []
    for path in sorted((PROJECT_ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-1].startswith("test_"):
                wrong.append(f"{path.relative_to(PROJECT_ROOT)} imports {node.module}")
    assert not wrong, "\n".join(wrong)
