"""Issue 12 §8: the dashboard listens on 127.0.0.1 unless configured otherwise and asks no outside service
anything; the uploader's own texts are Vietnamese."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest
from fixture_data import ROOT
from streamlit import net_util
from streamlit.web.server import server_util

from dashboard.views import offline, uploader_text


def test_config_listens_on_loopback_and_names_the_address() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    # browser.serverAddress set: the headless start-up banner prints it instead of looking up a public IP.
    assert config["browser"]["serverAddress"] == "localhost"
    assert config["browser"]["gatherUsageStats"] is False


def test_make_run_passes_the_address() -> None:
    dry = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    command = next(line for line in dry.splitlines() if "streamlit run" in line or "server.address" in line)
    joined = " ".join(dry.split("\\\n"))
    assert "--server.address 127.0.0.1" in joined, command
    assert "--browser.gatherUsageStats false" in joined
    dry_lan = subprocess.run(
        ["make", "-n", "run", "ADDRESS=0.0.0.0"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "--server.address 0.0.0.0" in dry_lan


def test_origin_check_asks_no_outside_service(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of another origin opening the WebSocket made Streamlit ask checkip.amazonaws.com for this
    machine's IP before refusing it; after keep_offline() it is refused without any request."""
    requests: list[str] = []
    monkeypatch.setattr(net_util, "_make_blocking_http_get", lambda url, timeout: requests.append(url))
    monkeypatch.setattr(net_util, "_external_ip", None)
    # Streamlit's own lookup (an app run earlier in this process may have replaced it); restored after the test.
    monkeypatch.setattr(net_util, "get_external_ip", offline.STREAMLIT_LOOKUP)
    assert server_util.is_url_from_allowed_origins("http://evil.example:8080") is False
    assert requests, "Streamlit no longer looks up its public IP here: offline.py may be unnecessary"
    requests.clear()
    offline.keep_offline()
    assert server_util.is_url_from_allowed_origins("http://evil.example:8080") is False
    assert server_util.is_url_from_allowed_origins("http://localhost:8501") is True
    assert requests == []


def test_uploader_script_translates_the_uploaders_texts() -> None:
    rules = [(re.compile(pattern), text) for pattern, text in uploader_text.TRANSLATIONS_VI]

    def translated(english: str) -> str:
        for pattern, text in rules:
            if pattern.search(english):
                return pattern.sub(text.replace("$1", r"\1"), english)
        return english

    assert translated("File must be 200.0MB or smaller.") == "Tệp quá lớn: tối đa 200.0MB mỗi tệp."
    assert translated("application/pdf files are not allowed.").startswith("Không nhận loại tệp này")
    assert translated("This type of files are not allowed.").startswith("Không nhận loại tệp này:")
    assert translated("Drag and drop files here") == "Kéo thả tệp vào đây"
    assert translated("200MB per file") == "Tối đa 200MB mỗi tệp"
    # A translated text matches no rule again (the script's observer would otherwise loop).
    for _, text in uploader_text.TRANSLATIONS_VI:
        vietnamese = text.replace("$1", "200MB")
        assert translated(vietnamese) == vietnamese
    script = uploader_text.script()
    assert script.startswith("\n<script>") and "</script>" not in script[:-12]
    assert "File must be (.+) or smaller" in script
