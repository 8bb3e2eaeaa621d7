"""Issue 12 §8 on a live `streamlit run` (headless, no address on the command line, as the README starts it):
it listens on 127.0.0.1 only, and neither its start nor a page of another origin makes it contact anything
outside (every HTTP(S) request of the server process goes through a recording proxy); the uploader speaks
Vietnamese when it refuses a file in the browser."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path

import pytest
from fixture_data import build_fixture_database
from live_server import live_server
from test_data_browser import RENDER_TIMEOUT_MS

pytestmark = pytest.mark.browser


class RecordingProxy:
    """Accepts connections on 127.0.0.1 and records the first line of each; answers nothing useful."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                with contextlib.suppress(OSError):
                    self.requests.append(conn.recv(4096).split(b"\r\n")[0].decode(errors="replace"))
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text().splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, local_port = local.rsplit(":", 1)
                if state == "0A" and int(local_port, 16) == port:
                    found.add(address)
    return found


def _cross_origin_handshake(port: int) -> bytes:
    """A WebSocket opening as a page of another site would send it; returns the status line."""
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        "Origin: http://evil.example\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096).split(b"\r\n")[0]


def _server(db_path: Path, proxy: RecordingProxy):
    """A server whose every HTTP(S) request goes to the recording proxy."""
    proxy_url = f"http://127.0.0.1:{proxy.port}"
    env = {name: proxy_url for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}
    return live_server(db_path, env={**env, "NO_PROXY": "", "no_proxy": ""})


def test_loopback_only_and_no_outside_request(page, tmp_path: Path, screenshots: Path) -> None:
    proxy = RecordingProxy()
    db_path = build_fixture_database(tmp_path / "cchc.duckdb")
    with _server(db_path, proxy) as (port, log, _):
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else, no IPv6 wildcard
        banner = log.read_text(errors="replace")
        assert "External URL" not in banner and "Network URL" not in banner
        assert f"http://localhost:{port}" in banner

        page.goto(f"http://127.0.0.1:{port}/du-lieu")
        page.wait_for_selector(".st-key-data-import", timeout=RENDER_TIMEOUT_MS)
        uploader = page.locator('[data-testid="stFileUploader"]')
        uploader.get_by_text("mỗi tệp").wait_for(timeout=RENDER_TIMEOUT_MS)
        assert uploader.get_by_role("button", name="Chọn tệp").is_visible()
        assert "per file" not in uploader.inner_text() and "Upload" not in uploader.inner_text()

        pdf = tmp_path / "bao_cao.pdf"
        pdf.write_bytes(b"%PDF-1.4\n%hostile\n")
        page.locator('.st-key-data-import input[type="file"]').set_input_files(str(pdf))
        uploader.get_by_text("Không nhận loại tệp này").first.wait_for(timeout=RENDER_TIMEOUT_MS)
        assert "not allowed" not in uploader.inner_text()
        page.screenshot(path=str(screenshots / "network_uploader_vi.png"))

        status = _cross_origin_handshake(port)
        assert b" 101 " not in status, status  # refused
        time.sleep(3)  # Streamlit's lookup would time out after 1 s per URL
    assert proxy.requests == [], proxy.requests
    assert page.external_requests == []
