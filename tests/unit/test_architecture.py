"""The backend's layout rules, read from the source: who may import whom, module sizes, and
where Tortoise's private API may appear (README "Architecture", db/__init__.py)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "shopchat"
MAX_LINES = 300
PRIVATE_ORM = re.compile(r'_init_from_db|_saved_in_db|\._execute\(|\._conn\b|__dict__\.get\("_')


def module_name(path: Path) -> str:
    parts = ["shopchat", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {
    module_name(path): path
    for path in sorted(PACKAGE.rglob("*.py"))
    if "migrations" not in path.relative_to(PACKAGE).parts
}


def _type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(name: str, *, module_level_only: bool) -> set[str]:
    """The shopchat modules `name` imports (parent packages included: importing a.b.c runs
    a/__init__ and a/b/__init__ first); TYPE_CHECKING blocks are not imports."""
    path = SOURCES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text())
    nodes: list[ast.AST] = []
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _type_checking(node):
            continue
        nodes.append(node)
        if not module_level_only or isinstance(node, ast.If | ast.Try):
            pending.extend(ast.iter_child_nodes(node))
    found: set[str] = set()
    for node in nodes:
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [t if t in SOURCES else base for t in targets]
        for target in targets:
            while target.startswith("shopchat"):
                if target in SOURCES and target != name:
                    found.add(target)
                target = target.rpartition(".")[0]
    return found


def test_realtime_imports_nothing_from_the_api_or_a_top_level_runtime():
    for name in SOURCES:
        if name.startswith("shopchat.realtime"):
            bad = {
                target
                for target in imports(name, module_level_only=False)
                if target.startswith("shopchat.api") or target == "shopchat.runtime"
            }
            assert not bad, f"{name} imports {sorted(bad)}"


def test_services_and_db_import_nothing_from_realtime_or_the_api():
    for name in SOURCES:
        if name.startswith(("shopchat.services", "shopchat.db")):
            bad = {
                target
                for target in imports(name, module_level_only=False)
                if target.startswith(("shopchat.realtime", "shopchat.api"))
            }
            assert not bad, f"{name} imports {sorted(bad)}"


def test_no_module_imports_itself_back_through_others():
    graph = {name: imports(name, module_level_only=True) for name in SOURCES}
    cycles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, trail = stack.pop()
            for target in graph[node]:
                if target == start:
                    cycles.append(" -> ".join((*trail, start)))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, (*trail, target)))
    assert not cycles, cycles[:3]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_module_imports(name):
    """Modules run only as subprocesses (python -m …) are imported nowhere else."""
    importlib.import_module(name)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_module_fits_in_a_room(name):
    lines = len(SOURCES[name].read_text().splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines"


def test_tortoise_private_api_is_touched_only_in_db():
    for name, path in SOURCES.items():
        if name.startswith("shopchat.db"):
            continue
        used = PRIVATE_ORM.findall(path.read_text())
        assert not used, f"{name} uses {used}"
