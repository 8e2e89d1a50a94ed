"""requirements.lock and pyproject.toml agree: a range changed without `make lock` fails here, not
on a machine that installs from the stale lock. The lock holds versions and hashes only (no
index addresses); its second line is the command that made it, which this test runs again."""

from __future__ import annotations

import re
import shlex
import shutil
import tomllib
from pathlib import Path

from tests.packaging import ROOT, uv

LOCK = ROOT / "requirements.lock"


def _command() -> list[str]:
    made_by = LOCK.read_text().splitlines()[1].removeprefix("#").split()
    assert made_by[:3] == ["uv", "pip", "compile"], made_by
    return made_by[1:]


def _body(path: Path) -> str:
    return "\n".join(path.read_text().splitlines()[2:])  # after the two header lines


def test_the_lock_matches_pyproject(tmp_path: Path) -> None:
    again = tmp_path / "requirements.lock"
    shutil.copy(LOCK, again)  # uv keeps the pins that still fit, as `make lock` does
    args = _command()
    args[args.index("-o") + 1] = str(again)
    uv(*args, "--quiet")
    assert _body(again) == _body(LOCK), f"run `make lock`: {shlex.join(args)} changes the lock"


def test_pyproject_holds_ranges_and_the_lock_the_versions_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [
        *project["dependencies"],
        *(r for extra in project["optional-dependencies"].values() for r in extra),
    ]
    assert [r for r in requirements if "==" in r] == []
    assert project["requires-python"] == ">=3.11"
    pins = re.findall(
        r"^([A-Za-z0-9_.-]+)==\S+(?: ;[^\\]*)? \\\n\s+--hash=sha256:", LOCK.read_text(), re.M
    )
    names = re.findall(r"^([A-Za-z0-9_.-]+)==", LOCK.read_text(), re.M)
    assert len(names) > 50 and pins == names  # every pinned package carries its hashes
    assert "://" not in LOCK.read_text()  # versions and hashes only, never an index address
