"""Nothing leaves this machine: Streamlit's one call to an outside service, switched off (issue 12 §8).

Streamlit asks checkip.amazonaws.com for the machine's public IP in two places: for the "External URL" line
a headless server prints at start (prevented by `browser.serverAddress` in .streamlit/config.toml), and as a
fallback when a browser page of another origin opens the app's WebSocket (the origin is compared with that
IP before it is refused). The second has no setting, so the lookup is replaced by one that knows no public
IP: such an origin is then refused without asking anyone. Called at the top of streamlit_app.py, i.e. when
the first session starts; the server listens on 127.0.0.1 unless configured otherwise.
"""

from __future__ import annotations

from streamlit import net_util

STREAMLIT_LOOKUP = net_util.get_external_ip  # Streamlit's own, kept for the test that shows what it does


def _no_external_ip() -> None:
    return None


def keep_offline() -> None:
    """Make Streamlit's public-IP lookup answer "unknown" without a network request."""
    net_util.get_external_ip = _no_external_ip
