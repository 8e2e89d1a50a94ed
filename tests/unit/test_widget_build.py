"""The joiner that turns widget/src's ES modules into the one served panel.js."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from shopchat.api.widget_build import JoinError, join, minify_css
from shopchat.config import WIDGET_DIR

NODE = shutil.which("node")


def sources(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def output(tmp_path: Path, files: dict[str, str]) -> str:
    """What the joined main.js of these files prints."""
    root = sources(tmp_path, files)
    return run(join(root / "main.js", root))


def run(script: str) -> str:
    """What a joined script prints with console.log, run by Node as a classic script."""
    if NODE is None:
        pytest.skip("node is not installed")
    done = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_modules_run_in_dependency_order_with_their_imports_wired(tmp_path):
    root = sources(
        tmp_path,
        {
            "main.js": "import { greet } from './lib/greet.js';\nconsole.log(greet('Ada'));\n",
            "lib/greet.js": "import { WORD } from './word.js';\n"
            "export function greet(name) {\n  return `${WORD}, ${name}`;\n}\n",
            "lib/word.js": "// a constant\nexport const WORD = 'Hello';\n",
        },
    )
    joined = join(root / "main.js", root)
    order = [joined.index(f"// {name}") for name in ("lib/word.js", "lib/greet.js", "main.js")]
    assert order == sorted(order)
    assert run(joined) == "Hello, Ada"


def test_private_names_of_two_modules_never_collide(tmp_path):
    printed = output(
        tmp_path,
        {
            "main.js": "import { a } from './a.js';\nimport { b } from './b.js';\n"
            "console.log(a(), b());\n",
            "a.js": "const secret = 'A';\nexport function a() {\n  return secret;\n}\n",
            "b.js": "const secret = 'B';\nexport function b() {\n  return secret;\n}\n",
        },
    )
    assert printed == "A B"


def test_a_module_imported_twice_runs_once(tmp_path):
    root = sources(
        tmp_path,
        {
            "main.js": "import { n } from './count.js';\nimport { m } from './again.js';\n"
            "console.log(n, m);\n",
            "again.js": "import { n } from './count.js';\nexport const m = n;\n",
            "count.js": "globalThis.runs = (globalThis.runs || 0) + 1;\n"
            "export const n = globalThis.runs;\n",
        },
    )
    joined = join(root / "main.js", root)
    assert joined.count("// count.js") == 1
    assert run(joined) == "1 1"


def test_a_stylesheet_is_inlined_as_a_string(tmp_path):
    printed = output(
        tmp_path,
        {
            "main.js": "export const CSS = '@inline ./look.css';\nconsole.log(CSS);\n",
            "look.css": "/* a comment */\n.a  .b {\n  color: red;\n  margin: 0 auto;\n}\n",
        },
    )
    assert printed == ".a .b{color:red;margin:0 auto}"


def test_comment_lines_and_indentation_are_dropped_but_code_is_kept(tmp_path):
    root = sources(
        tmp_path,
        {
            "main.js": "/**\n * Docs.\n */\nconst x = /** @type {number} */ (1);\n"
            "  // note\nconsole.log(x, '// not a comment');\n",
        },
    )
    joined = join(root / "main.js", root)
    assert "Docs" not in joined and "note" not in joined
    assert run(joined) == "1 // not a comment"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"main.js": "import {a} from './a.js';\n"}, "main.js:1: not in the module grammar"),
        ({"main.js": "import { a } from 'a';\n"}, "main.js:1: not in the module grammar"),
        ({"main.js": "import { a as b } from './a.js';\n"}, "main.js:1: not in the module grammar"),
        ({"main.js": "export default 1;\n"}, "main.js:1: not in the module grammar"),
        ({"main.js": "export { a };\n"}, "main.js:1: not in the module grammar"),
        ({"main.js": "export let a = 1;\n"}, "main.js:1: not in the module grammar"),
        ({"main.js": "function f() {\n  export const a = 1;\n}\n"}, "main.js:2: not in the module"),
        ({"main.js": "const a = 1;\nimport { b } from './b.js';\n"}, "main.js:2: imports go first"),
        ({"main.js": "import { a } from '../out.js';\n"}, "main.js:1: imports go first and stay"),
        ({"main.js": "import('./a.js');\n"}, "main.js:1: no import()"),
        ({"main.js": "const u = import.meta.url;\n"}, "main.js:1: no import()"),
        ({"main.js": "const __scm0 = 1;\n"}, "main.js:1: no import()"),
        ({"main.js": "const s = `two\nlines`;\n"}, "main.js:1: a template literal"),
        ({"main.js": "import { a } from './gone.js';\n"}, "main.js:1: no module gone.js"),
        (
            {"main.js": "import { b } from './a.js';\n", "a.js": "export const a = 1;\n"},
            "main.js:1: a.js does not export b",
        ),
        (
            {"main.js": "export const a = 1;\nexport function a() {}\n"},
            "main.js:2: a: a name imported or exported twice",
        ),
        (
            {
                "main.js": "import { a } from './a.js';\nexport const a = 2;\n",
                "a.js": "export const a = 1;\n",
            },
            "main.js:2: a: a name imported or exported twice",
        ),
        ({"main.js": "export const CSS = '@inline ./none.css';\n"}, "main.js:1: no stylesheet"),
        ({"main.js": "/* a\n   b */ const a = 1;\n"}, "main.js:2: code after a comment block"),
    ],
)
def test_sources_outside_the_grammar_are_refused_with_file_and_line(tmp_path, files, message):
    root = sources(tmp_path, files)
    with pytest.raises(JoinError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        join(root / "main.js", root)


def test_an_import_cycle_is_refused_naming_the_chain(tmp_path):
    root = sources(
        tmp_path,
        {
            "main.js": "import { a } from './a.js';\n",
            "a.js": "import { b } from './b.js';\nexport const a = 1;\n",
            "b.js": "// b\nimport { a } from './a.js';\nexport const b = 2;\n",
        },
    )
    with pytest.raises(JoinError, match=r"^b\.js:2: import cycle: a\.js -> b\.js -> a\.js$"):
        join(root / "main.js", root)


def test_the_css_minifier_keeps_what_changes_meaning():
    css = "@media (max-width: 479px) {\n  .a > .b,\n  .c :hover { width: calc(100% - 2px); }\n}"
    assert minify_css(css) == "@media (max-width:479px){.a>.b,.c :hover{width:calc(100% - 2px)}}"


def test_the_widget_panel_joins_into_one_classic_script(tmp_path):
    widget = WIDGET_DIR
    joined = join(widget / "src" / "panel" / "main.js", widget / "src")
    assert "\nimport " not in joined and "\nexport " not in joined and "@inline" not in joined
    assert "__shopchatPanel" in joined and "eval(" not in joined and "innerHTML" not in joined
    if NODE is not None:
        (tmp_path / "panel.js").write_text(joined)
        subprocess.run([NODE, "--check", str(tmp_path / "panel.js")], check=True)


def test_served_assets_look_at_the_files_at_most_once_a_second(tmp_path, monkeypatch) -> None:
    from shopchat.api import widget_resources

    walks: list[Path] = []
    monkeypatch.setattr(widget_resources, "_stamp", lambda folder: walks.append(folder) or (1,))
    monkeypatch.setattr(widget_resources, "_build", lambda folder, stamp: ({}, {}))
    clock = iter([100.0, 100.5, 100.9, 101.2])
    monkeypatch.setattr(widget_resources, "_clock", lambda: next(clock))
    for _ in range(4):
        widget_resources.widget_assets(tmp_path)
    assert walks == [tmp_path, tmp_path]  # at 100.0, then again at 101.2
