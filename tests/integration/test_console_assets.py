"""The console's files at any depth under /console/ (its modules, the vendored Preact), the
browser modules it shares with the widget under /console/common/, nothing else; and the limits
the console reads from /me instead of hard-coding them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shopchat.testing import ServerProcess
from tests.integration.client import bearer, http, make_shop


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server of its own: a body limit other than the default proves it is read, not assumed."""
    workdir: Path = tmp_path_factory.mktemp("console-assets")
    env = {
        "SHOPCHAT_VAR_DIR": str(workdir / "var"),
        "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
        "SHOPCHAT_BROKER_URL": "memory://",
        "SHOPCHAT_MAX_BODY_CHARS": "777",
    }
    with ServerProcess(workdir, env) as process:
        yield process


JS = "text/javascript; charset=utf-8"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/console/", "text/html; charset=utf-8"),
        ("/console/index.html", "text/html; charset=utf-8"),
        ("/console/console.css", "text/css; charset=utf-8"),
        ("/console/vendor/preact.module.js", JS),
        ("/console/vendor/hooks.module.js", JS),
        ("/console/js/main.js", JS),
        ("/console/js/views/thread.js", JS),
        ("/console/common/ids.js", JS),
        ("/console/sw.js", JS),  # scope /console/ by where it lives: no Service-Worker-Allowed
        ("/console/manifest.webmanifest", "application/manifest+json"),
        ("/console/icons/icon-192.png", "image/png"),
        ("/console/icons/icon.svg", "image/svg+xml"),
    ],
)
def test_console_files_are_served_at_any_depth_with_the_console_headers(server, path, content_type):
    response = http(server, "GET", path)
    assert response.status == 200, path
    assert response.headers["content-type"] == content_type
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path",
    [
        "/console/../pyproject.toml",
        "/console/js/../../../pyproject.toml",
        "/console/%2e%2e/%2e%2e/pyproject.toml",
        "/console/js/%2E%2E/%2E%2E/api/assets.py",
        "/console/..%2f..%2fpyproject.toml",
        "/console/common/../console.js",
        "/console/common/%2e%2e/shopchat.js",
        "/console//etc/passwd",
        "/console/%2fetc%2fpasswd",
        "/console/.hidden",
        "/console/js/.hidden.js",
        "/console/vendor/refresh.sh",  # served suffixes only: no scripts, no docs
        "/console/vendor/README.md",
        "/console/vendor/SHA256SUMS",
        "/console/icons/make_icons.py",
        "/console/js",
        "/console/js/",
        "/console/js\\main.js",
        "/console/common/nope.js",
    ],
)
def test_anything_outside_the_served_trees_is_a_404(server, path):
    response = http(server, "GET", path)
    assert response.status == 404, path
    assert response.body["error"]["code"] == "not_found"


def test_the_service_worker_is_revalidated_by_its_version(server):
    first = http(server, "GET", "/console/sw.js")
    assert "service-worker-allowed" not in first.headers
    again = http(server, "GET", "/console/sw.js", headers={"If-None-Match": first.headers["etag"]})
    assert again.status == 304


def test_me_carries_the_server_s_limits(server):
    shop = make_shop(server)
    me = http(server, "GET", "/api/v1/me", headers=bearer(shop.token))
    assert me.status == 200
    assert me.body["limits"] == {"max_body_chars": 777, "max_upload_bytes": 5 * 1024 * 1024}
