"""The console's vendored Preact and htm are the files refresh.sh fetched: every file listed
in vendor/SHA256SUMS has that hash, the README's table says the same, and nothing unlisted
sneaked in beside them (our own .d.ts shims, the README and the script excepted)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from shopchat.config import PACKAGE_DIR

VENDOR = PACKAGE_DIR / "console" / "vendor"
OURS = {"README.md", "SHA256SUMS", "refresh.sh", "preact.module.d.ts", "hooks.module.d.ts"}


def _manifest() -> dict[str, str]:
    lines = (VENDOR / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


@pytest.mark.parametrize("name", sorted(_manifest()))
def test_vendored_file_has_its_recorded_hash(name: str) -> None:
    digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
    assert digest == _manifest()[name], f"{name} changed: run vendor/refresh.sh (see README)"


def test_every_vendored_file_is_listed() -> None:
    present = {p.name for p in VENDOR.iterdir() if p.is_file()}
    assert present - OURS == set(_manifest())


def test_readme_table_matches_the_manifest() -> None:
    readme = (VENDOR / "README.md").read_text()
    rows = dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", readme, re.MULTILINE))
    assert rows == _manifest()


def test_no_vendored_module_imports_a_bare_specifier() -> None:
    """A browser cannot resolve `from "preact"` without an import map (an inline script)."""
    for path in Path(VENDOR).glob("*.js"):
        for spec in re.findall(r"""from\s*["']([^"']+)["']""", path.read_text()):
            assert spec.startswith("./"), f"{path.name} imports {spec!r}"
