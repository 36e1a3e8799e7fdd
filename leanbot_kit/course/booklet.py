"""One printable booklet for a whole course: cover, contents, and every lesson's handout on its own A4 page.

Each handout is the page `leanbot handout` prints, embedded unchanged (an `<iframe srcdoc>` of one A4
page), so the booklet and the single handouts can never drift apart. The teacher's edition adds a
planning page (what each unit needs) and the teacher notes on every handout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.course.model import Course
from leanbot_kit.errors import LeanbotError
from leanbot_kit.handout.content import t
from leanbot_kit.i18n import N_, _, resolve_language

TEMPLATE = "booklet.html.j2"
LABELS = {
    "contents": N_("Contents"),
    "student": N_("Student's edition"),
    "teacher": N_("Teacher's edition"),
    "grades": N_("Grades {grade}"),
    "units": N_("{units} units, {lessons} lessons"),
    "unit": N_("Unit {n}"),
    "challenge": N_("challenge"),
    "planning": N_("Planning the term: what each unit needs"),
    "minutes": N_("{minutes} min"),
    "check": N_("Challenges are graded on the simulated robot: leanbot check STUDENT.ino --lesson CHALLENGE.yaml"),
}


@dataclass(frozen=True)
class Entry:
    """One line of the contents: unit and lesson number, title, page, and whether it is a challenge."""

    number: str
    title: str
    page: int
    minutes: int | None
    challenge: bool


_PICTURES: dict[tuple, object] = {}  # (lesson file, its mtime, language) -> Picture: both editions share them


def _picture(lesson, lang: str):
    from leanbot_kit.handout.picture import run_picture

    try:
        key = (str(lesson.path), lesson.path.stat().st_mtime_ns, lang)
    except OSError:
        return run_picture(lesson, lang)
    if key not in _PICTURES:
        _PICTURES[key] = run_picture(lesson, lang)
    return _PICTURES[key]


def front_pages(teacher: bool) -> int:
    """Pages before the first handout: cover and contents, plus the planning page for teachers."""
    return 3 if teacher else 2


def render_booklet(course: Course, lang: str | None = None, teacher: bool = False) -> str:
    """The booklet of `course` in `lang` as one self-contained HTML document."""
    from leanbot_kit.handout.page import render_handout

    lang = resolve_language(lang)
    labels = {key: t(lang, message) for key, message in LABELS.items()}
    page = front_pages(teacher)
    units, handouts = [], []
    for n, unit in enumerate(course.units, 1):
        entries = []
        for m, item in enumerate(unit.lessons, 1):
            page += 1
            lesson = item.lesson
            entries.append(Entry(f"{n}.{m}", lesson.title.get(lang), page, lesson.duration_min, item.challenge))
            handouts.append(render_handout(lesson, lang, _picture(lesson, lang), teacher=teacher))
        units.append((t(lang, LABELS["unit"], n=n), unit.title.get(lang), unit.needs.get(lang), entries))
    count = sum(len(u.lessons) for u in course.units)
    context = {
        "lang": lang, "t": labels, "teacher": teacher, "title": course.title.get(lang),
        "summary": course.summary.get(lang) if course.summary else "",
        "grade": t(lang, LABELS["grades"], grade=course.grade) if course.grade else "",
        "size": t(lang, LABELS["units"], units=len(course.units), lessons=count),
        "units": units, "handouts": handouts,
    }
    return _environment().get_template(TEMPLATE).render(**context)


def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def write_booklet(course: Course, out: str | Path, lang: str | None = None, teacher: bool = False) -> Path:
    """Render the booklet and write it to `out`; returns the path written."""
    html = render_booklet(course, lang, teacher)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise LeanbotError(_("could not write the booklet to {path}: {error}")
                           .format(path=out, error=exc.strerror or exc),
                           _("choose another file with -o")) from exc
    return out
