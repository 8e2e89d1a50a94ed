"""The console's module graph: index.html preloads exactly the modules js/main.js reaches (a
module added or dropped without updating the list fails here), every import resolves to a
file the console route serves, and no module grows past ~400 lines."""

from __future__ import annotations

import os
import re
from pathlib import Path

from shopchat.config import PACKAGE_DIR

CONSOLE = PACKAGE_DIR / "console"
IMPORT = re.compile(r"^import [^;]*? from '([^']+)';", re.MULTILINE)


def _graph() -> set[str]:
    """Paths under /console/ reachable from js/main.js (common/ is widget/src/common)."""
    seen: set[str] = set()
    todo = ["js/main.js"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = CONSOLE / name
        assert path.is_file(), f"{name} is imported but missing"
        for spec in IMPORT.findall(path.read_text()):
            assert spec.startswith("."), f"{name} imports the bare specifier {spec!r}"
            todo.append(os.path.normpath(os.path.join(os.path.dirname(name), spec)))
    return seen


def test_index_preloads_exactly_the_module_graph() -> None:
    html = (CONSOLE / "index.html").read_text()
    preloaded = set(re.findall(r'<link rel="modulepreload" href="/console/([^"]+)">', html))
    assert preloaded == _graph() - {"js/main.js"}
    assert '<script type="module" src="/console/js/main.js"></script>' in html


def test_every_console_module_is_reachable_and_small() -> None:
    modules = {str(p.relative_to(CONSOLE)) for p in (CONSOLE / "js").rglob("*.js")}
    assert modules <= _graph(), f"not imported by anything: {sorted(modules - _graph())}"
    for name in modules:
        lines = len(Path(CONSOLE / name).read_text().splitlines())
        assert lines <= 400, f"{name} has {lines} lines"
