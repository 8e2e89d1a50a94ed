"""Joins the widget panel's ES modules (widget/src) into one classic script, without Node.

The sources follow a small grammar (docs/widget.md, "Source layout"); anything outside it is
refused with `file:line`, so the joined file is never a guess:

- imports, one per line, before any code: `import { a, b } from './x.js';` (relative paths);
- exports: `export function f`, `export async function f`, `export const X`, `export class C`;
- a stylesheet: `export const NAME = '@inline ./name.css';` becomes the file's text as a string;
- no `import(...)`, no `import.meta`, no template literal over several lines, no `__scm<digit>`.

Each module runs in its own function scope, in dependency order; its exports are returned as
an object and its imports are read from the objects of the modules it names, so private names
never collide. Comment lines, blank lines and indentation are dropped (safe by the third rule).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

NAME = r"[A-Za-z_$][\w$]*"
IMPORT = re.compile(rf"import \{{ ({NAME}(?:, {NAME})*) \}} from '(\.\.?/[\w./-]+\.js)';")
EXPORT = re.compile(rf"export (?:async function|function|const|class) ({NAME})\b")
INLINE = re.compile(rf"export const ({NAME}) = '@inline (\./[\w./-]+\.css)';")
KEYWORD = re.compile(r"\s*(?:import|export)\b")
FORBIDDEN = re.compile(r"\bimport\s*\(|\bimport\.meta\b|__scm\d")
COMMENT = ("//", "/*", "*")


class JoinError(ValueError):
    """A source outside the grammar, an import cycle or a missing export, with file:line."""


@dataclass
class Module:
    path: Path
    name: str  # relative to the source root, for messages
    lines: list[str]
    imports: dict[int, tuple[list[str], Path]] = field(default_factory=dict)  # by line
    exports: dict[str, int] = field(default_factory=dict)  # name -> line


def _parse(root: Path, path: Path, via: str) -> Module:
    if not path.is_file():
        raise JoinError(f"{via}: no module {path.relative_to(root).as_posix()}")
    module = Module(path, path.relative_to(root).as_posix(), path.read_text("utf-8").splitlines())
    names: set[str] = set()
    code = False
    for number, line in enumerate(module.lines, 1):
        where = f"{module.name}:{number}"
        if line.count("`") % 2:
            raise JoinError(f"{where}: a template literal must open and close on one line")
        code_part = "" if line.strip().startswith(("*", "//")) else re.sub(r"/\*.*?\*/", "", line)
        if FORBIDDEN.search(code_part):  # JSDoc types may say import('./x.js').T
            raise JoinError(f"{where}: no import(), import.meta or __scm<digit> names")
        if KEYWORD.match(line):
            if found := IMPORT.fullmatch(line):
                target = (path.parent / found[2]).resolve()
                if code or not target.is_relative_to(root):
                    raise JoinError(f"{where}: imports go first and stay inside {root.name}/")
                module.imports[number] = (found[1].split(", "), target)
                new = found[1].split(", ")
            elif found := EXPORT.match(line):
                new = [found[1]]
                module.exports[found[1]] = number
            else:
                raise JoinError(f"{where}: not in the module grammar: {line.strip()}")
            if names & set(new) or len(set(new)) < len(new):
                raise JoinError(f"{where}: {', '.join(new)}: a name imported or exported twice")
            names.update(new)
        elif line.strip() and not line.strip().startswith(COMMENT):
            code = True
    return module


def _load(root: Path, entry: Path) -> list[Module]:
    """Every module the entry reaches, dependencies first; refuses cycles and missing exports."""
    modules: dict[Path, Module] = {}
    done: list[Module] = []
    stack: list[Path] = []

    def visit(path: Path, via: str) -> Module:
        if path in stack:
            chain = [p.relative_to(root).as_posix() for p in [*stack[stack.index(path) :], path]]
            raise JoinError(f"{via}: import cycle: {' -> '.join(chain)}")
        if path not in modules:
            stack.append(path)
            module = modules[path] = _parse(root, path, via)
            for number, (names, target) in module.imports.items():
                where = f"{module.name}:{number}"
                missing = [n for n in names if n not in visit(target, where).exports]
                if missing:
                    raise JoinError(f"{where}: {target.name} does not export {', '.join(missing)}")
            stack.pop()
            done.append(module)
        return modules[path]

    visit(entry.resolve(), "entry")
    return done


def minify_css(text: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", text, flags=re.S))
    return re.sub(r" ?([{};,>]) ?", r"\1", text).replace(": ", ":").replace(";}", "}").strip()


def _body(module: Module, ids: dict[Path, int]) -> list[str]:
    out: list[str] = []
    comment = False  # inside a block comment that began at the start of a line
    for number, line in enumerate(module.lines, 1):
        text = line.strip()
        if comment or (text.startswith("/*") and "*/" not in text):
            comment = "*/" not in text
            if not comment and not text.endswith("*/"):
                raise JoinError(f"{module.name}:{number}: code after a comment block")
            continue
        if not text or text.startswith("//") or (text.startswith("/*") and text.endswith("*/")):
            continue
        if number in module.imports:
            names, target = module.imports[number]
            text = f"const {{ {', '.join(names)} }} = __scm{ids[target]};"
        elif found := INLINE.fullmatch(text):
            css = (module.path.parent / found[2]).resolve()
            if not css.is_file():
                raise JoinError(f"{module.name}:{number}: no stylesheet {found[2]}")
            text = f"const {found[1]} = {json.dumps(minify_css(css.read_text('utf-8')))};"
        elif number in module.exports.values():
            text = text.removeprefix("export ")
        out.append(text)
    return out


def join(entry: Path, root: Path) -> str:
    """The entry module and everything it imports as one strict-mode IIFE (a classic script)."""
    root = root.resolve()
    order = _load(root, entry)
    ids = {module.path: number for number, module in enumerate(order)}
    out = [
        f"/*! shopchat: {order[-1].name} and its imports, joined by shopchat.api.widget_build "
        "(sources: widget/src/) */",
        "(function () {",
        "'use strict';",
    ]
    for module in order:
        out.append(f"// {module.name}")
        out.append(f"const __scm{ids[module.path]} = (function () {{")
        out.extend(_body(module, ids))
        out.append(f"return {{ {', '.join(module.exports)} }};")
        out.append("})();")
    out.append("})();")
    return "\n".join(out) + "\n"
