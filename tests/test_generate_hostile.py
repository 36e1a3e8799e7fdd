"""No injection: hostile lesson text ends up only in `//` comments or safe ASCII string literals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from leanbot_kit.generate import generate_sketch, render_sketch
from leanbot_kit.generate.sanitize import SIGILS, ascii_text, comment_text, cpp_string
from leanbot_kit.lesson.model import Expectation, Text, TextList
from tests.generate_fixtures import avr_compile, every_step_lesson, step

HOSTILE = (
    '*/ " \\ \n#include <x>\r\n%s {{ x }} {% x %} Tiếng Việt: đường đi, Ước mơ 🤖 '
    "/* ??/ \u202e\u2028\x00 end \\"
)
FRAGMENTS = (
    "*/",
    "/*",
    "#include <x>",
    "%s",
    "{{",
    "}}",
    "{%",
    "%}",
    "Tiếng",
    "đường",
    "🤖",
    "\\",
    "??/",
    "\u202e",
    "\x00",
)


def lex(source: str) -> tuple[str, list[str], list[str]]:
    """Split C++ into code (comments and literals blanked), the string literals and the comments."""
    code, strings, comments, i = [], [], [], 0
    while i < len(source):
        two = source[i : i + 2]
        if two == "//":
            end = source.find("\n", i)
            end = len(source) if end < 0 else end
            comments.append(source[i:end])
            i = end
        elif two == "/*":
            end = source.index("*/", i + 2) + 2
            comments.append(source[i:end])
            i = end
        elif source[i] in "\"'":
            quote, j = source[i], i + 1
            while source[j] != quote:
                assert source[j] != "\n", f"literal runs past the end of line {source[i:j]!r}"
                j += 2 if source[j] == "\\" else 1
            strings.append(source[i + 1 : j]) if quote == '"' else None
            code.append(" ")
            i = j + 1
        else:
            code.append(source[i])
            i += 1
    return "".join(code), strings, comments


def hostile_lesson(lang: str):
    lesson = every_step_lesson(lang, note=Text(vi=HOSTILE, en=HOSTILE))
    text = Text(vi=HOSTILE, en=HOSTILE)
    steps = list(lesson.program.steps)
    steps[19] = step("print", 20, text=HOSTILE, note=text)
    steps[18] = replace(steps[18], args={**steps[18].args, "source": HOSTILE}, note=text)
    steps.append(step("print", 33, text="#LBK,1,fake,50*00"))
    steps.append(step("print", 34, text="$1,2,3*00 ?ping !0,1,boot"))
    return replace(
        lesson,
        title=text,
        summary=text,
        objectives=TextList(vi=(HOSTILE, HOSTILE), en=(HOSTILE,)),
        materials=TextList(vi=(HOSTILE,), en=(HOSTILE,)),
        exercises=TextList(vi=(HOSTILE,), en=(HOSTILE,)),
        grade=HOSTILE,
        program=replace(lesson.program, steps=tuple(steps)),
        expect=(Expectation(kind="always", cond=steps[9].args["cond"], name=HOSTILE),),
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hostile_text_never_escapes_into_code(lang: str):
    source = render_sketch(hostile_lesson(lang))
    assert "\\\n" not in source, "a line ends with a backslash: it would splice into the next line"
    assert "\r" not in source and "\u2028" not in source and "\x00" not in source
    code, strings, comments = lex(source)
    for fragment in FRAGMENTS:
        assert fragment not in code, f"{fragment!r} escaped into the code"
    assert [line.strip() for line in code.splitlines() if line.strip().startswith("#")] == [
        "#include <Leanbot.h>",
        "#include",
    ]  # the second is "lbk_runtime.h", its literal blanked
    assert any("Tiếng" in c or "Ti" in c for c in comments)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_string_literal_is_plain_ascii_with_safe_escapes(lang: str):
    _, strings, _ = lex(render_sketch(hostile_lesson(lang)))
    printed = [s for s in strings if s not in ("lbk_runtime.h",)]
    assert printed
    for literal in printed:
        assert literal.isascii() and literal.isprintable(), literal
        assert "??" not in literal
        unescaped = literal.replace("\\\\", "").replace('\\"', "").replace("?\\?", "??")
        assert "\\" not in unescaped.replace("??", ""), f"unsafe escape in {literal!r}"
        assert not literal.startswith(SIGILS), (
            f"a printed line could pass for protocol: {literal!r}"
        )
    assert any("Tieng Viet: duong di, Uoc mo ?" in s for s in printed)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hostile_lesson_compiles_for_the_robot(lang: str, tmp_path: Path):
    sketch = generate_sketch(hostile_lesson(lang), tmp_path)
    avr_compile(sketch.ino, tmp_path / "hostile.o")


def test_sanitizers_by_example():
    assert comment_text("a */ b\nc \\") == "a * / b c /"
    assert comment_text("x ??/") == "x ? ?/"
    assert ascii_text("Đường đi ĐẸP 🤖") == "Duong di DEP ?"
    assert cpp_string('say "hi" \\ ok') == 'say \\"hi\\" \\\\ ok'
    assert cpp_string("#1") == " #1" and cpp_string("  $x") == " $x"
    assert cpp_string("what??!") == "what?\\?!"
    assert len(cpp_string("x" * 500)) == 100


def test_hostile_yaml_lesson_loads_generates_and_compiles(tmp_path: Path):
    """The same text through the real loader: every text field of a lesson file."""
    import yaml

    from leanbot_kit.lesson import load_lesson

    both = {"vi": HOSTILE, "en": HOSTILE}
    doc = {
        "format": "leanbot-lesson/1",
        "id": "hostile",
        "lang": "vi",
        "title": both,
        "summary": both,
        "objectives": {"vi": [HOSTILE], "en": [HOSTILE]},
        "materials": {"vi": [HOSTILE], "en": [HOSTILE]},
        "exercises": {"vi": [HOSTILE], "en": [HOSTILE]},
        "telemetry": {"rate_hz": 10, "fields": ["dist_mm"]},
        "program": {
            "start": "now",
            "steps": [
                {"print": HOSTILE, "note": both},
                {"forward": "10cm", "note": both},
                {"repeat": 2, "note": both, "steps": [{"print": HOSTILE}]},
                "end",
            ],
        },
        "expect": [{"always": "dist_mm >= 0", "name": HOSTILE}],
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    lesson = load_lesson(path)
    sketch = generate_sketch(lesson, tmp_path / "out")
    source = sketch.ino.read_text(encoding="utf-8")
    code, strings, _ = lex(source)
    for fragment in FRAGMENTS:
        assert fragment not in code, f"{fragment!r} escaped into the code"
    assert all(s.isascii() and s.isprintable() for s in strings)
    avr_compile(sketch.ino, tmp_path / "hostile.o")
