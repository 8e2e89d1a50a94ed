"""The wheel, installed into a fresh venv (not editable), holds and serves everything: the
widget and its resources, the console with the modules it shares with the widget, the demo
store, the migrations; and a shopper and an agent chat through a server started from it."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from shopchat.testing import ServerProcess, free_port
from tests.integration.client import make_shop, open_agent, open_visitor, recv_type, send_message
from tests.packaging import ROOT, Installed, clean_env, wheel_files

PACKAGE = ROOT / "backend" / "shopchat"
# folders of the repository whose files the server or the browser reads, as the wheel names them
SERVED = {
    "shopchat/console": PACKAGE / "console",
    "shopchat/widget/src": ROOT / "widget" / "src",
    "shopchat/widget/res": ROOT / "widget" / "res",
    "shopchat/demo_site": ROOT / "demo_site",
    "shopchat/migrations": PACKAGE / "migrations",
}
# files there that are tools of the repository, not served
NOT_SERVED = {"shopchat/console/icons/make_icons.py", "shopchat/console/vendor/refresh.sh"}


def _repository_files() -> set[str]:
    names = {"shopchat/widget/shopchat.js"}
    for prefix, folder in SERVED.items():
        for path in folder.rglob("*"):
            relative = path.relative_to(folder)
            # console/common is the widget's src/common, served from there
            if path.is_file() and relative.parts[0] != "common" and "__pycache__" not in str(path):
                names.add(f"{prefix}/{relative.as_posix()}")
    return names - NOT_SERVED


def _get(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@pytest.fixture(scope="module")
def installed(installed_shopchat: Installed) -> Installed:
    return installed_shopchat


@pytest.fixture(scope="module")
def wheel_server(installed: Installed, tmp_path_factory: pytest.TempPathFactory):
    workdir = tmp_path_factory.mktemp("wheel-server")
    env = {"SHOPCHAT_VAR_DIR": str(workdir / "var")}  # SQLite under it by default
    process = ServerProcess(workdir, env, python=installed.python)
    process.env = {**clean_env(), **env, "SHOPCHAT_PUBLIC_URL": process.url}
    with process:
        yield process


def test_the_wheel_holds_every_file_the_server_serves(installed: Installed) -> None:
    missing = _repository_files() - wheel_files(installed.wheel)
    assert not missing, f"not in the wheel: {sorted(missing)}"


def test_the_installed_package_is_the_wheel_not_the_repository(installed: Installed, tmp_path):
    location = subprocess.run(
        [installed.python, "-c", "import shopchat; print(shopchat.__file__)"],
        cwd=tmp_path, env=clean_env(), capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(location).is_relative_to(installed.venv), location
    # importing shopchat does not import the QA kit's test tools
    loaded = subprocess.run(
        [installed.python, "-c", "import sys, shopchat.cli, shopchat.testing; "
         "print(sorted(m for m in ('pytest', 'playwright') if m in sys.modules))"],
        cwd=tmp_path, env=clean_env(), capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert loaded == "[]"


def test_the_widget_and_its_resources_are_served(wheel_server: ServerProcess) -> None:
    status, entry, _ = _get(wheel_server.url + "/widget/v1/shopchat.js")
    assert status == 200
    manifest = json.loads(re.search(rb'\{"panel\.js":[^}]*\}', entry).group())
    assert {"panel.js", "icons.woff2", "en.json", "emoji.json"} <= set(manifest)
    for hashed in manifest.values():
        status, body, _ = _get(f"{wheel_server.url}/widget/v1/r/{hashed}")
        assert (status, len(body) > 0) == (200, True), hashed
    status, panel, _ = _get(wheel_server.url + "/widget/v1/panel.js")
    assert status == 200 and b"__shopchatPanel" in panel


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/console/", b'<script type="module"'),
        ("/console/js/main.js", b"import"),
        ("/console/js/views/app.js", b"export"),
        ("/console/common/thread.js", b"export"),
        ("/console/vendor/preact.module.js", b"preact"),
        ("/console/sw.js", b'"version"'),  # hashes every file of the shell
        ("/console/icons/icon-192.png", b"PNG"),
    ],
)
def test_the_console_is_served(wheel_server: ServerProcess, path: str, expected: bytes) -> None:
    status, body, _ = _get(wheel_server.url + path)
    assert status == 200 and expected in body, (path, status, body[:200])


async def test_a_shopper_and_an_agent_chat_through_the_installed_server(wheel_server) -> None:
    shop = make_shop(wheel_server)
    agent, _ = await open_agent(wheel_server, shop.token)
    visitor, _ = await open_visitor(wheel_server, shop.key)
    async with agent, visitor:
        sent = await send_message(visitor, "is the wheel complete?")
        received = await recv_type(agent, "message")
        assert received["message"] == sent["message"]
    database = Path(wheel_server.env["SHOPCHAT_VAR_DIR"]) / "shopchat.db"
    assert database.is_file()  # the default SQLite path follows the var dir


def test_shopchat_demo_serves_its_store(installed: Installed, tmp_path: Path) -> None:
    port, site_port = free_port(), free_port()
    env = {**clean_env(), "SHOPCHAT_VAR_DIR": str(tmp_path / "var")}
    demo = subprocess.Popen(
        [installed.bin("shopchat"), "demo", "--port", str(port), "--site-port", str(site_port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        page = _poll(f"http://127.0.0.1:{site_port}/", demo)
        assert f"http://127.0.0.1:{port}/widget/v1/shopchat.js".encode() in page
        record = json.loads((tmp_path / "var" / "demo.json").read_text())
        assert record["shop_key"].encode() in page
        assert _get(f"http://127.0.0.1:{site_port}/store.css")[0] == 200
    finally:
        demo.terminate()
        demo.wait(15)


def _poll(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stdout.read().decode() if process.stdout else "exited")
        try:
            status, body, _ = _get(url)
            if status == 200:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} not served after {timeout} s")
