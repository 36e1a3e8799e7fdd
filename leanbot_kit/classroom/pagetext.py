"""Every word the dashboard page shows, marked for the catalogue; the page asks for them by language."""

from __future__ import annotations

from leanbot_kit.i18n import N_, gettext_for

# key -> English text (the page looks words up by key; the catalogue translates the English).
TEXT = {
    "title": N_("Class dashboard"),
    "class": N_("Class"),
    "lesson": N_("Lesson"),
    "join": N_("Students join with"),
    "students": N_("students"),
    "stuck_first": N_("Students who need help come first."),
    "stop_all": N_("Stop all robots"),
    "start_all": N_("Start all robots"),
    "stop": N_("Stop"),
    "start": N_("Start"),
    "report": N_("Class report"),
    "report_csv": N_("Report (CSV)"),
    "sent": N_("Sent: {cmd} ({id})"),
    "broker_up": N_("Broker connected"),
    "broker_down": N_("Broker lost: reconnecting…"),
    "no_token": N_("This page needs the teacher's link (with its token), as printed by leanbot class serve."),
    "no_students": N_("No student yet. Students type the command above on their laptop."),
    "robot": N_("Robot"),
    "link": N_("Link"),
    "link_ok": N_("ok"),
    "link_waiting": N_("waiting"),
    "link_lost": N_("lost"),
    "link_offline": N_("offline"),
    "corrupt": N_("corrupt"),
    "lost": N_("lost"),
    "frames": N_("frames"),
    "step": N_("Step"),
    "goals": N_("Goals"),
    "goal_pending": N_("pending"),
    "goal_passed": N_("passed"),
    "goal_failed": N_("failed"),
    "goal_skipped": N_("skipped"),
    "needs_help": N_("needs help"),
    "line": N_("Line sensors"),
    "path": N_("Path"),
    "console": N_("Console"),
    "passed_by": N_("passed by {n} of {of}"),
    "back": N_("Back to the class"),
    "chart": N_("Live chart"),
    "values": N_("Values"),
}


def page_text(lang: str) -> dict[str, str]:
    """The page's words in `lang` (vi or en)."""
    text = {key: gettext_for(lang, value) for key, value in TEXT.items()}
    text["language"] = "English" if lang == "vi" else "Tiếng Việt"  # the other language's own name
    text["lang"] = lang
    return text
