"""A real `streamlit run` server and headless Chromium (the Debian package, not a Playwright download)."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixture_data import ROOT, build_fixture_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in CI containers
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1920, "height": 1080}
HEALTH_TIMEOUT_SECONDS = 60
SCREENSHOTS = ROOT / "screenshots"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Under CI the Makefile installs Chromium, so a missing browser there is a failure, not a skip.
    if CHROMIUM.exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} not found: `apt-get install chromium` (or `make test`) to run"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@dataclass(frozen=True)
class Server:
    url: str
    db_path: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        with (
            contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.25)
    pytest.fail(f"streamlit not healthy after {HEALTH_TIMEOUT_SECONDS} s:\n{log.read_text(errors='replace')}")


@contextlib.contextmanager
def streamlit_running(db_path: Path) -> Iterator[Server]:
    """`streamlit run streamlit_app.py` on a free port, reading db_path; stopped on exit."""
    port = _free_port()
    url = f"http://localhost:{port}"
    log = db_path.with_suffix(".server.log")
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    env = {**os.environ, "CCHC_DB": str(db_path)}
    with open(log, "wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_healthy(url, process, log)
        yield Server(url=url, db_path=db_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests that only read: the fixture database, unchanged."""
    db_path = build_fixture_database(tmp_path_factory.mktemp("browser") / "cchc.duckdb")
    with streamlit_running(db_path) as server:
        yield server


YEAR_LABEL = re.compile(r"^Năm 20\d\d\b")  # the period caption, "Năm 2026" or "Năm 2026, chưa trọn kỳ (…)"


def choose_year(page, timeout_ms: int = 90_000) -> str:
    """Choose the kind "Năm" in the sidebar and wait for the URL (ky=) and the period caption; the caption."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Kỳ báo cáo").click()
    page.get_by_role("option", name="Năm", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]ky="), timeout=timeout_ms)
    label = sidebar.get_by_text(YEAR_LABEL).first
    label.wait_for(timeout=timeout_ms)
    return label.inner_text()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server on the demo database (30.000 dossiers, Đà Nẵng with its 1/7/2025 merge) for the tests that
    only read it: built once per run instead of once per test module."""
    from dashboard.cli import main

    folder = tmp_path_factory.mktemp("demo-browser")
    db = folder / "cchc.duckdb"
    assert main(["demo", "--db", str(db), "--dossiers", "30000", "--samples", str(folder / "samples")]) == 0
    with streamlit_running(db) as server:
        yield server


@pytest.fixture
def private_streamlit_server(tmp_path: Path) -> Iterator[Server]:
    """A server of its own, for a test that writes to the database."""
    with streamlit_running(build_fixture_database(tmp_path / "cchc.duckdb")) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page at 1920×1080 that records every request leaving this machine."""
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    page = context.new_page()
    page.external_requests = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(
                ("http://localhost", "http://127.0.0.1", "ws://localhost", "data:", "blob:")
            )
            else page.external_requests.append(request.url)
        ),
    )
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def wait_until_idle(page, timeout_ms: int = 60_000) -> None:
    """Until the app has finished its run: Streamlit shows its status widget ("Stop") only while the script
    runs. Checked twice, apart, because a run can start right after another ends (a widget bound to the URL)."""
    idle = "() => document.querySelector('[data-testid=\"stStatusWidget\"]') === null"
    for _ in range(2):
        page.wait_for_function(idle, timeout=timeout_ms)
        page.wait_for_timeout(400)
    page.wait_for_function(idle, timeout=timeout_ms)


def download(page, button, attempts: int = 3, timeout_ms: int = 20_000):
    """Click a download button and return Playwright's Download. A click that lands while Streamlit redraws the
    button starts nothing, so the page is first let finish its run, and a click that started no download within
    timeout_ms is made again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        wait_until_idle(page)
        try:
            with page.expect_download(timeout=timeout_ms) as started:
                button.click()
            return started.value
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def box_inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    """A rendered box ({top, bottom, left, right}) within another, give or take `slack` pixels."""
    return (
        inner["top"] >= outer["top"] - slack
        and inner["bottom"] <= outer["bottom"] + slack
        and inner["left"] >= outer["left"] - slack
        and inner["right"] <= outer["right"] + slack
    )


def boxes_overlap(a: dict, b: dict) -> bool:
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and (
        min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    )


def wait_for_slide(
    page, number: int, slides: int = 5, timeout_ms: int = 60_000, settle_ms: int = 1200
) -> None:
    """The meeting deck shows slide `number` of `slides`, drawn: no skeleton left, its chart's text drawn."""
    page.wait_for_function(
        f"() => document.querySelector('[data-testid=\"pr-number\"]')?.innerText === '{number}/{slides}'",
        timeout=timeout_ms,
    )
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout_ms
    )
    # Plotly draws after the element arrives; every slide of the demo data has a chart.
    page.wait_for_selector(".st-key-pr-deck .main-svg text", timeout=timeout_ms)
    page.wait_for_timeout(settle_ms)
