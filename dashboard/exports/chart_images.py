"""Plotly figures as PNG bytes for the Word report (issue 5 §2), drawn by kaleido 1.x in Debian's Chromium.

One Chromium per process: the first image starts it, every later image reuses it (starting Chromium costs about
2–3 s, an image about 0.2 s). kaleido's own persistent server (kaleido.start_sync_server) is not used because it
waits for ever when the browser fails to start (its worker thread dies before reading the queue) and its calls
are not safe from several threads at once (Streamlit runs each session in its own thread); here one event loop
in one daemon thread owns one kaleido.Kaleido, and callers from any thread wait on futures.

Offline (issue 5 §7): the page kaleido renders in loads plotly.js from the plotly package
(plotly/package_data/plotly.min.js) and MathJax is switched off — kaleido's default is MathJax from a CDN.
Fonts: report_charts asks for DejaVu Sans first, which has every Vietnamese glyph (`make run` installs
fonts-dejavu-core with chromium).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import shutil
import threading
from concurrent.futures import Future
from pathlib import Path

import plotly
import plotly.graph_objects as go

CHROMIUM = "/usr/bin/chromium"
# choreographer's own override (choreographer/utils/_which.py: get_browser_path reads BROWSER_PATH).
BROWSER_PATH_VARIABLE = "BROWSER_PATH"
LOCAL_PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
START_TIMEOUT = 60  # seconds for Chromium to start
IMAGE_TIMEOUT = 90  # seconds for one image (kaleido's own default)


class ChromiumMissing(RuntimeError):
    """The charts of the Word report cannot be drawn without Chromium."""


def browser_path() -> str:
    """The Chromium to drive: $BROWSER_PATH when set, else Debian's /usr/bin/chromium, else `chromium` on PATH."""
    for candidate in (os.environ.get(BROWSER_PATH_VARIABLE), CHROMIUM, shutil.which("chromium")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise ChromiumMissing(
        "Báo cáo Word cần trình duyệt Chromium để vẽ biểu đồ: cài gói `chromium` "
        "(`make run` tự cài; hoặc `sudo apt-get install chromium`), hoặc đặt biến BROWSER_PATH. "
        "The Word report needs the `chromium` package to draw its charts (make run installs it)."
    )


def page_generator():
    """kaleido's page with local scripts only: plotly.js from the plotly package, no MathJax (no CDN)."""
    from kaleido import PageGenerator

    return PageGenerator(plotly=LOCAL_PLOTLY_JS.as_uri(), mathjax=False)


class ChartRenderer:
    """One Chromium, started on the first image and reused for every later one (thread-safe)."""

    def __init__(self, path: str | None = None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self.launches = 0  # how many times Chromium was started: 1 for any number of images

    @property
    def browser_pid(self) -> int | None:
        """The process id of the Chromium in use (None before the first image)."""
        process = getattr(self._kaleido, "subprocess", None)
        return process.pid if process is not None else None

    def png(self, figure: go.Figure, width: int, height: int, scale: float = 2) -> bytes:
        """The figure as PNG bytes, width × scale by height × scale pixels."""
        kaleido = self._ready()
        opts = {"format": "png", "width": width, "height": height, "scale": scale}
        future = asyncio.run_coroutine_threadsafe(kaleido.calc_fig(figure, opts=opts), self._loop)
        return future.result(timeout=IMAGE_TIMEOUT)

    def run(self, work, timeout: float):
        """await work(browser) on the renderer's loop with its Chromium (a choreographer Browser), from any
        thread; its result. The PDFs of pages (page_pdf) are printed in a tab of this same Chromium."""
        kaleido = self._ready()
        future = asyncio.run_coroutine_threadsafe(work(kaleido), self._loop)
        return future.result(timeout=timeout)

    def close(self) -> None:
        """Stop Chromium and the event loop (the next image would start them again)."""
        with self._lock:
            if self._loop is None:
                return
            self._close_kaleido()
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=15)
            self._loop = self._thread = self._kaleido = None

    def _ready(self):
        with self._lock:
            if self._kaleido is not None and self._kaleido.subprocess.poll() is None:
                return self._kaleido
            path = self._path or browser_path()  # raises ChromiumMissing before any thread is started
            self._close_kaleido()  # its Chromium died (killed, crashed): clean up, then start another
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=self._loop.run_forever, name="chart-images", daemon=True
                )
                self._thread.start()
            opened: Future = asyncio.run_coroutine_threadsafe(self._open(path), self._loop)
            self._kaleido = opened.result(timeout=START_TIMEOUT)
            self.launches += 1
            return self._kaleido

    def _close_kaleido(self) -> None:
        if self._kaleido is not None:
            # A browser that is already gone (crashed, or closing at exit) is fine: nothing else to do.
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop).result(timeout=15)
        self._kaleido = None

    @staticmethod
    async def _open(path: str):
        from kaleido import Kaleido  # imported here: importing kaleido registers encoders, logs, etc.

        kaleido = Kaleido(n=1, path=path, page_generator=page_generator(), timeout=IMAGE_TIMEOUT)
        await kaleido.open()
        return kaleido


_renderer: ChartRenderer | None = None
_renderer_lock = threading.Lock()


def renderer() -> ChartRenderer:
    """The process's one renderer."""
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            _renderer = ChartRenderer()
            atexit.register(_renderer.close)
        return _renderer


def figure_png(figure: go.Figure, width: int, height: int, scale: float = 2) -> bytes:
    """The figure as PNG bytes through the process's one Chromium."""
    return renderer().png(figure, width, height, scale)
