"""The live view: one robot in detail, or a class with one row per robot (rich), or plain lines.

rich is imported only when a view is drawn; `plain_line` serves pipes and logs.
"""

from __future__ import annotations

from typing import Any

from leanbot_kit.i18n import _
from leanbot_kit.lesson.fields import FIELDS
from leanbot_kit.telemetry.protocol import Corrupt, Event, Frame, Header, Message, Text
from leanbot_kit.telemetry.session import status_text
from leanbot_kit.telemetry.state import RobotState

SPARKS = "▁▂▃▄▅▆▇█"
LINE_SENSORS = (("ir2", 8), ("ir0", 4), ("ir1", 2), ("ir3", 1))  # left → right, bit of `line`
BLACK_RAW = 384  # raw IR above this reads as black when only raw values are streamed
STATUS_STYLE = {"passed": "green", "failed": "red", "pending": "yellow", "skipped": "dim"}


def step_descriptions(lesson: Any, lang: str) -> dict[int, str]:
    """Step number → a short description (its note, else its kind and arguments)."""
    if lesson is None or lesson.program is None:
        return {}
    out = {}
    for step in lesson.program.walk():
        if step.note is not None:
            out[step.number] = f"{step.kind}: {step.note.get(lang)}"
        else:
            args = ", ".join(f"{k}={v}" for k, v in step.args.items()
                             if isinstance(v, int | str) and not isinstance(v, bool))
            out[step.number] = f"{step.kind} {args}".strip()
    return out


def sparkline(values: Any, low: int | None = None, high: int | None = None) -> str:
    """Values as a row of block characters scaled between low and high (default: their min/max)."""
    values = list(values)
    if not values:
        return ""
    lo = min(values) if low is None else low
    hi = max(values) if high is None else high
    span = (hi - lo) or 1
    top = len(SPARKS) - 1
    return "".join(SPARKS[max(0, min(top, round((v - lo) * top / span)))] for v in values)


def _range(name: str) -> tuple[int | None, int | None]:
    spec = FIELDS.get(name)
    if spec is None or spec.high - spec.low > 4000:  # distances, angles, ping: scale to what was seen
        return None, None
    return spec.low, spec.high


def line_blocks(latest: dict[str, int]) -> str | None:
    """The 4 line sensors, outer left to outer right, as blocks (█ black, ░ white); None if unknown."""
    if "line" in latest:
        bits = latest["line"]
        return " ".join("█" if bits & bit else "░" for _name, bit in LINE_SENSORS)
    if all(name in latest for name, _bit in LINE_SENSORS):
        return " ".join("█" if latest[name] > BLACK_RAW else "░" for name, _bit in LINE_SENSORS)
    return None


def _fields_table(state: RobotState) -> Any:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column(_("field"))
    table.add_column(_("value"), justify="right")
    table.add_column(_("recent"))
    for name in state.fields:
        low, high = _range(name)
        table.add_row(name, str(state.latest.get(name, "")),
                      sparkline(state.history.get(name, ()), low, high))
    if state.raw is not None:
        table.add_row(_("(no header yet)"), " ".join(map(str, state.raw)), "")
    return table


def link_text(state: RobotState) -> str:
    """Link health in one line: frames/s, lost, corrupt."""
    s = state.stats
    return _("{rate:.1f} frames/s · {frames} frames · lost {lost} · corrupt {corrupt}").format(
        rate=state.rate, frames=s.frames, lost=s.lost, corrupt=s.corrupt)


def _expectations(state: RobotState) -> Any:
    from rich.text import Text as RichText

    out = RichText()
    for result in state.results:
        out.append(f"{_(result.status):>8} ", style=STATUS_STYLE.get(result.status, ""))
        out.append(f"{result.name}" + (f" — {result.detail}" if result.detail else "") + "\n")
    return out


def render_robot(state: RobotState, steps: dict[int, str] | None = None) -> Any:
    """The detailed view of one robot."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text as RichText

    parts: list[Any] = [_fields_table(state)]
    blocks = line_blocks(state.latest)
    if blocks:
        parts.append(RichText(_("line sensors  {blocks}").format(blocks=blocks)))
    if state.step is not None:
        desc = (steps or {}).get(state.step, "")
        parts.append(RichText(_("step {n}").format(n=state.step) + (f" — {desc}" if desc else ""),
                              style="bold"))
    parts.append(RichText(link_text(state), style="dim"))
    if state.results:
        parts.append(_expectations(state))
    if state.console:
        parts.append(RichText("\n".join(state.console), style="cyan"))
    title = f"{state.name} · {status_text(state.status)}"
    if state.header is not None:
        title += f" · {state.header.lesson_id}"
    if state.detail and state.status != "connected":
        title += f" · {state.detail}"
    return Panel(Group(*parts), title=title, title_align="left")


def render_class(states: list[RobotState]) -> Any:
    """One row per robot: status, rate, lost, corrupt, step, expectations, last console line."""
    from rich.table import Table

    table = Table(title=_("Class: {n} robots").format(n=len(states)))
    for heading in (_("robot"), _("port"), _("status"), _("frames/s"), _("lost"), _("corrupt"),
                    _("step"), _("goals"), _("line"), _("console")):
        table.add_column(heading)
    for st in states:
        passed = sum(1 for r in st.results if r.status == "passed")
        goals = f"{passed}/{len(st.results)}" if st.results else ""
        table.add_row(st.name, st.port, status_text(st.status), f"{st.rate:.1f}", str(st.stats.lost),
                      str(st.stats.corrupt), "" if st.step is None else str(st.step), goals,
                      line_blocks(st.latest) or "", _last_words(st))
    return table


def _last_words(st: RobotState) -> str:
    if st.status in ("failed", "waiting") and st.detail:
        return st.detail
    return st.console[-1] if st.console else ""


def plain_line(label: str, msg: Message) -> str:
    """One line of plain text for a message (when stdout is not a terminal)."""
    if isinstance(msg, Frame):
        if msg.fields is None:
            body = " ".join(map(str, msg.values))
        else:
            body = " ".join(f"{k}={v}" for k, v in zip(msg.fields, msg.values, strict=True))
        return f"{label} frame {msg.seq} t={msg.t_ms} {body}".rstrip()
    if isinstance(msg, Event):
        return f"{label} event {msg.seq} t={msg.t_ms} {msg.kind} {' '.join(map(str, msg.args))}".rstrip()
    if isinstance(msg, Header):
        return f"{label} header {msg.lesson_id} {msg.period_ms}ms {','.join(msg.fields)}"
    if isinstance(msg, Text):
        return f"{label} text {msg.line}"
    if isinstance(msg, Corrupt):
        return f"{label} corrupt ({msg.reason}) {msg.line.encode('ascii', 'backslashreplace').decode()}"
    return f"{label} {msg!r}"
