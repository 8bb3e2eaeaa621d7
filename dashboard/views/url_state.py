"""Widget values in the URL as language-free codes (issue 11 §10), so a copied link reproduces the view in
whatever language it is opened.

Streamlit's own `bind="query-params"` writes an option widget's *displayed label* into the URL ("ky=Năm",
"dem_theo=Đơn vị khi tiếp nhận"), which changes with the language. Here a widget keeps its code in the URL
("ky=year", "dem_theo=recorded"):

- `prepare` runs before the widget is drawn: a URL value that this session did not write itself (a shared
  link, a reload) becomes the widget's value; otherwise the session keeps its own, or gets the default.
- `publish` runs after: the URL carries the widget's code(s); the default leaves the URL clean when asked.

Labels of earlier links ("ky=Năm", "lang=English") are still read, as aliases of their codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

_WRITTEN = "_url_written"  # param -> the raw values this session last put in the URL


@dataclass(frozen=True)
class Codec:
    """How a widget's value is written in the URL and read back (None: not a value of that widget)."""

    parse: Callable[[tuple[str, ...]], Any]
    write: Callable[[Any], tuple[str, ...]]


def one_of(codes: Sequence[Any], aliases: Mapping[str, Any] | None = None) -> Codec:
    """A single choice among `codes` (strings or whole numbers)."""
    by_text = {**(aliases or {}), **{str(code): code for code in codes}}
    return Codec(lambda raw: by_text.get(raw[-1]) if raw else None, lambda value: (str(value),))


def label_aliases(codes: Iterable[Any], labels_of: Callable[[Any], Iterable[str]]) -> dict[str, Any]:
    """{label: code} for every label a code is shown with (each language's), to read links written with labels."""
    return {label: code for code in codes for label in labels_of(code)}


def some_of(codes: Iterable[Any], aliases: Mapping[str, Any] | None = None) -> Codec:
    """Several choices among `codes`, in the order chosen; a value no longer offered is left out."""
    by_text = {**(aliases or {}), **{str(code): code for code in codes}}

    def parse(raw: tuple[str, ...]) -> list[Any]:
        return list(dict.fromkeys(by_text[text] for text in raw if text in by_text))

    return Codec(parse, lambda values: tuple(str(value) for value in values))


def whole_number(lowest: int, highest: int) -> Codec:
    def parse(raw: tuple[str, ...]) -> int | None:
        text = raw[-1] if raw else ""
        return int(text) if text.isdigit() and lowest <= int(text) <= highest else None

    return Codec(parse, lambda value: (str(int(value)),))


def _parse_day(raw: tuple[str, ...]) -> date | None:
    try:
        return date.fromisoformat(raw[-1]) if raw else None
    except ValueError:
        return None


DAY = Codec(_parse_day, lambda value: (value.isoformat(),))


def _written() -> dict[str, tuple[str, ...]]:
    return st.session_state.setdefault(_WRITTEN, {})


def _incoming(key: str, param: str, codec: Codec) -> Any:
    """The URL's value when it came from outside this session (a shared link, a reload, a link back to a page
    whose widget was cleared), else None."""
    raw = tuple(st.query_params.get_all(param))
    written = _written()
    if not raw or (raw == written.get(param) and key in st.session_state):
        return None
    written[param] = raw
    return codec.parse(raw)


def prepare(key: str, param: str, codec: Codec, default: Any) -> None:
    """Set the value the widget `key` is drawn with; the widget is then drawn without its own default."""
    value = _incoming(key, param, codec)
    if value is not None:
        st.session_state[key] = value
        return
    held = st.session_state.get(key)
    value = None if held is None else codec.parse(codec.write(held))
    if value is None:  # never drawn, or no longer an option
        st.session_state[key] = default
    elif value != held:
        # After a language switch the browser may send back the label it showed ("Kỳ tháng (15 – 14)"), which
        # Streamlit passes on as the value: read it as the code it names (an alias of the codec).
        st.session_state[key] = value


def number_input(
    container, label: str, key: str, param: str, bounds: tuple[int, int], default: int, **options
):
    """A whole-number input kept in the URL (`?param=30`); its default leaves the URL clean."""
    codec = whole_number(*bounds)
    prepare(key, param, codec, default)
    value = int(container.number_input(label, min_value=bounds[0], max_value=bounds[1], key=key, **options))
    publish(param, codec, value, default=default)
    return value


def selectbox(container, label: str, options: Sequence[Any], key: str, param: str, default: Any, offered=None,
              **kwargs):  # fmt: skip
    """A select box kept in the URL by its option's code; its default leaves the URL clean. `offered(current)`,
    when given, narrows the options drawn (a search) and keeps the current one among them."""
    codec = one_of(options)
    prepare(key, param, codec, default)
    value = container.selectbox(
        label, offered(st.session_state[key]) if offered else options, key=key, **kwargs
    )
    publish(param, codec, value, default=default)
    return value


def tabs(labels: Mapping[str, str], key: str, param: str) -> list:
    """st.tabs whose open tab is in the URL by its code (`?the=lich_su`); every tab's content is still drawn.
    `labels`: code -> label, the first is the default."""
    codes = list(labels)
    codec = one_of(codes)
    code = _incoming(key, param, codec)
    if code is None and st.session_state.get(key) not in labels.values():
        code = st.session_state.get(f"{key}:code")  # drawn in the other language: the same tab, by its code
    if code is not None:
        st.session_state[key] = labels[code]
    containers = st.tabs(list(labels.values()), key=key, on_change="rerun")
    opened = next((c for c in codes if labels[c] == st.session_state.get(key)), codes[0])
    st.session_state[f"{key}:code"] = opened
    publish(param, codec, opened, default=codes[0])
    return containers


def publish(param: str, codec: Codec, value: Any, default: Any = None) -> None:
    """Write the widget's code(s) in the URL; `value == default` (when a default is given) removes it."""
    raw = () if value is None or (default is not None and value == default) else codec.write(value)
    _written()[param] = raw
    if raw == tuple(st.query_params.get_all(param)):
        return  # unchanged: no message to the browser
    if raw:
        st.query_params[param] = list(raw) if len(raw) > 1 else raw[0]
    else:
        del st.query_params[param]


def forget(param: str) -> None:
    """A widget not drawn in this run (the month number of a yearly period) leaves the URL."""
    publish(param, one_of(()), None)
