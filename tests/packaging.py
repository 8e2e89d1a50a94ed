"""shopchat as its users get it: a wheel built from this tree (through its sdist, as `uv build`
does for a release), installed, not editable, into a fresh virtual environment with the
versions of requirements.lock, and run from there rather than from the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `make` installs uv here (the Makefile says why not into .venv)
UV = os.environ.get("SHOPCHAT_UV") or str(ROOT / ".tools" / "uv" / "bin" / "uv")


def uv(*args: str | Path, cwd: Path = ROOT, timeout: float = 300) -> str:
    """Run uv with this repository's project; its stdout. Never downloads an interpreter."""
    if not Path(UV).is_file() and not shutil.which(UV):
        raise RuntimeError(f"uv not found at {UV}: run `make install` (or set SHOPCHAT_UV)")
    env = {
        **clean_env(),
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_NO_PROGRESS": "1",
    }
    result = subprocess.run(
        [UV, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"uv {args[0]} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def clean_env() -> dict[str, str]:
    """This environment less what would point a child at the repository or at .venv."""
    drop = ("VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT", "PYTHONHOME")
    return {
        name: value
        for name, value in os.environ.items()
        if name not in drop and (not name.startswith("SHOPCHAT_") or name == "SHOPCHAT_CHROMIUM")
    }


@dataclass(frozen=True)
class Installed:
    """A virtual environment holding the wheel (and its `qa` extra), nothing of the repo."""

    wheel: Path
    venv: Path

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    def bin(self, name: str) -> str:
        return str(self.venv / "bin" / name)


def source_tree(dest: Path) -> Path:
    """The files git would commit (tracked, or new and not ignored), symlinks kept: what a
    fresh clone holds, without the build/ and *.egg-info/ an editable install leaves behind
    (setuptools would take stale package data from them)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source, target = ROOT / name, dest / name
        if not source.is_symlink() and not source.exists():
            continue  # deleted, not yet committed
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(source.readlink())
        else:
            shutil.copy2(source, target)
    return dest


def build_wheel(out: Path) -> Path:
    """sdist first, then the wheel from the unpacked sdist (as a release would): both must be
    complete. Built from a copy of the source tree as a fresh clone has it."""
    source = source_tree(out.parent / "source")
    uv("build", "--quiet", "--out-dir", out, "--python", sys.executable, source)
    (wheel,) = out.glob("shopchat-*.whl")
    return wheel


def install(wheel: Path, venv: Path) -> Installed:
    """A fresh venv on this interpreter with `shopchat[qa]` from the wheel, pinned by the
    lock (uv's cache makes this a copy, not a download, once `make install` has run)."""
    uv("venv", "--quiet", "--python", sys.executable, venv)
    constraints = venv / "constraints.txt"
    constraints.write_text(pins(ROOT / "requirements.lock"))
    uv(
        "pip", "install", "--quiet", "--python", venv / "bin" / "python",
        "--constraint", constraints, f"shopchat[qa] @ {wheel.as_uri()}",
    )  # fmt: skip
    return Installed(wheel, venv)


def pins(lock: Path) -> str:
    """The lock's `name==version ; markers` lines without their hashes: constraints for an
    install that also takes the wheel, which has no hash in the lock."""
    lines = [line.removesuffix(" \\").strip() for line in lock.read_text().splitlines()]
    return "\n".join(line for line in lines if "==" in line and not line.startswith("#")) + "\n"


def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())
