"""The class report: per student and goal, when it passed; link statistics. CSV and HTML.

Written at the end of a class and whenever the teacher asks (the dashboard's button). Every student
string goes through `html.escape` in the HTML; the CSV is plain data.
"""

from __future__ import annotations

import csv
import html
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

from leanbot_kit.classroom.hub import ClassHub
from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _, current_language

COLUMNS = ("sid", "name", "robot_id", "goal", "state", "passed_at", "passed_at_s", "at_ms", "frames", "events",
           "lost", "corrupt", "robot_disconnects", "gaps", "link")


def report_rows(hub: ClassHub) -> list[dict[str, Any]]:
    """One row per student and goal (one row per student when the lesson has no goals)."""
    now = hub.now()
    rows = []
    for st in sorted(hub.students.values(), key=lambda s: (s.name.lower(), s.sid)):
        common = {"sid": st.sid, "name": st.name, "robot_id": st.robot_id or "",
                  "frames": st.received["frames"], "events": st.received["events"],
                  "lost": st.link_counts()["lost"], "corrupt": st.link_counts()["corrupt"],
                  "robot_disconnects": st.received["disconnects"],
                  "gaps": st.received["gaps"] + hub.logs[st.sid].gaps, "link": st.link_now(now)}
        goals = st.goals() or [{"name": "", "state": "", "at_ms": None}]
        for g in goals:
            at = st.passed_at.get(g["name"])
            rows.append({**common, "goal": g["name"], "state": g["state"],
                         "passed_at": _clock_time(hub, at), "passed_at_s": "" if at is None else at,
                         "at_ms": "" if g["at_ms"] is None else g["at_ms"]})
    return rows


def _clock_time(hub: ClassHub, seconds: float | None) -> str:
    """The local time of day `seconds` after the class began (empty when it never passed)."""
    if seconds is None:
        return ""
    return (hub.started + timedelta(seconds=seconds)).astimezone().strftime("%H:%M:%S")


def report_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV text (the column names are data, not translated)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _cell(value: Any) -> Any:
    """A student's text that a spreadsheet would run as a formula (`=…`, `+…`, `@…`) gets a `'`."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def report_html(hub: ClassHub, rows: list[dict[str, Any]]) -> str:
    """A page a teacher can print or keep: the class row, then one line per student and goal."""
    e = html.escape
    heads = (_("Student"), _("Robot"), _("Goal"), _("State"), _("Passed at"), _("Frames"),
             _("Lost"), _("Corrupt"), _("Robot unplugged"), _("Gaps"), _("Link"))
    body = "".join(
        "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in (
            r["name"], r["robot_id"], r["goal"], _(r["state"]) if r["state"] else "",
            r["passed_at"], r["frames"], r["lost"], r["corrupt"], r["robot_disconnects"],
            r["gaps"], r["link"])) + "</tr>" for r in rows)
    summary = "".join(f"<li>{e(g['name'])}: {e(_('{n} of {of} passed').format(n=g['passed'], of=g['of']))}</li>"
                      for g in hub.class_row())
    title = _("Class report: {cls}").format(cls=hub.cls)
    lesson = hub.lesson.id if hub.lesson else "—"
    return (f'<!doctype html><html lang="{e(current_language())}"><head><meta charset="utf-8">'
            f"<title>{e(title)}</title><style>{_CSS}</style></head><body><h1>{e(title)}</h1>"
            f"<p>{e(_('Lesson'))}: {e(lesson)} · {e(_('Started'))}: "
            f"{e(hub.started.isoformat(timespec='minutes'))} · {e(_('Students'))}: {len(hub.students)}</p>"
            f"<ul>{summary}</ul><table><thead><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in heads)
            + f"</tr></thead><tbody>{body}</tbody></table></body></html>\n")


_CSS = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.2em .5em;text-align:left}")


def write_report(hub: ClassHub, folder: Path) -> dict[str, Path]:
    """Write `class-report.csv` and `class-report.html` into `folder`; returns their paths."""
    rows = report_rows(hub)
    paths = {"csv": folder / "class-report.csv", "html": folder / "class-report.html"}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        paths["csv"].write_text(report_csv(rows), encoding="utf-8")
        paths["html"].write_text(report_html(hub, rows), encoding="utf-8")
    except OSError as err:
        raise ClassroomError(_("cannot write the class report in {folder}: {error}").format(
            folder=folder, error=err.strerror), _("choose a folder you can write to with --record-dir")) from err
    return paths
