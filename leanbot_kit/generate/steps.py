"""A lesson's program steps as C++ statements a student can read: one commented block a step."""

from __future__ import annotations

from collections.abc import Callable

from leanbot_kit.errors import TemplateError
from leanbot_kit.generate import phrases
from leanbot_kit.generate.cppgen import (
    APPROACH_SPEED,
    APPROACH_ZONE,
    DEFAULT_GRIPPER_MS,
    LED_BITS,
    Code,
    identifier,
    touch_mask,
)
from leanbot_kit.generate.sanitize import comment_lines, cpp_string
from leanbot_kit.i18n import N_, _
from leanbot_kit.lesson.colors import crgb_name
from leanbot_kit.lesson.fields import var_cpp
from leanbot_kit.lesson.model import Lesson, Step
from leanbot_kit.lesson.steps import DEFAULT_SPEED

KEEP_FLOWING = N_("let telemetry flow")
APPROACH = N_("the last {zone}{unit} slowly, so that the robot stops on the mark")
MELODY = N_("Melody of step {n}: {notes} (pairs: frequency in Hz or 0 for a rest, length in ms)")
_MOVES = ("forward", "backward", "turn", "turn_left", "turn_right", "follow_line")
Writer = Callable[[Code, Step, int], None]


def program_code(lesson: Lesson, lang: str) -> Code:
    """The statements of the lesson's program and the globals they need."""
    code = Code(lesson=lesson, lang=lang)
    steps = lesson.program.steps if lesson.program else ()
    for index, step in enumerate(steps):
        if index:
            code.add(0, "")
        emit(code, step, 0)
    return code


def emit(code: Code, step: Step, depth: int) -> None:
    """One step: its comment, its `step` event, then what it does."""
    speed = _speed(step) if step.kind in _MOVES else 0
    code.comment(depth, phrases.describe(step, code.lang, speed))
    if step.note is not None:
        for line in comment_lines(step.note.get(code.lang)):
            code.comment(depth, line)
    code.add(depth, f"lbk_step({int(step.number)});")
    writer = WRITERS.get(step.kind)
    if writer is None:
        raise TemplateError(_("the generator cannot write a {kind!r} step").format(kind=step.kind))
    writer(code, step, depth)


def _speed(step: Step) -> int:
    speed = step.args.get("speed")
    speed = DEFAULT_SPEED if speed is None else abs(int(speed))
    if speed == 0:
        raise TemplateError(
            _("step {n} moves at speed 0 and would never arrive").format(n=step.number),
            _("give the step a speed above 0"),
        )
    return speed


# What a move watches: the reading, the name of its value at the start, and the unit in comments.
_READINGS = {
    "mm": ("LbMotion.getDistanceMm()", "start_mm", "mm"),
    "deg": ("LbMotion.getRotationDeg()", "start_deg", "°"),
}


def _move(code: Code, depth: int, wheels: tuple[int, int], unit: str, amount: int) -> None:
    """Run the wheels until the reading changed by `amount`, the last bit slowly, then stop."""
    reading, start, shown = _READINGS[unit]
    left, right = wheels
    code.add(depth, "{")
    code.add(depth + 1, f"long {start} = {reading};")
    code.add(depth + 1, f"lbk_run({left}, {right});")
    if abs(left) > APPROACH_SPEED and amount > APPROACH_ZONE:
        slow_l = APPROACH_SPEED if left > 0 else -APPROACH_SPEED
        slow_r = APPROACH_SPEED if right > 0 else -APPROACH_SPEED
        words = phrases.text(code.lang, APPROACH, zone=APPROACH_ZONE, unit=shown)
        code.add(
            depth + 1,
            f"while (lbk_abs({reading} - {start}) < {amount - APPROACH_ZONE}) lbk_tick();",
        )
        code.add(depth + 1, f"lbk_run({slow_l}, {slow_r});  // {words}")
    code.add(depth + 1, f"while (lbk_abs({reading} - {start}) < {amount}) lbk_tick();")
    code.add(depth + 1, "lbk_stop();")
    code.add(depth, "}")


def _drive(code: Code, step: Step, depth: int) -> None:
    speed = _speed(step) * (-1 if step.kind == "backward" else 1)
    mm = abs(int(step.args["mm"]))
    _move(code, depth, (speed, speed), "mm", mm)


def _turn(code: Code, step: Step, depth: int) -> None:
    deg = int(step.args["deg"])
    if step.kind == "turn_left":
        deg = -abs(deg)
    elif step.kind == "turn_right":
        deg = abs(deg)
    speed = _speed(step) * (1 if deg >= 0 else -1)
    _move(code, depth, (speed, -speed), "deg", abs(deg))


def _block(code: Code, head: str, body: tuple[Step, ...], depth: int, tick: bool = False) -> None:
    code.add(depth, head + " {")
    for child in body:
        emit(code, child, depth + 1)
    if tick:
        code.add(depth + 1, "lbk_tick();  // " + phrases.text(code.lang, KEEP_FLOWING))
    code.add(depth, "}")


def _run(code: Code, step: Step, depth: int) -> None:
    code.add(depth, f"lbk_run({code.cpp(step.args['left'])}, {code.cpp(step.args['right'])});")
    if step.args.get("ms"):
        code.add(depth, f"lbk_wait({code.cpp(step.args['ms'])});")
        code.add(depth, "lbk_stop();")


def _wait_until(code: Code, step: Step, depth: int) -> None:
    cond = code.cond(step.args["cond"])
    timeout = step.args.get("timeout_ms")
    if not timeout:
        code.add(depth, f"while (!{cond}) lbk_tick();")
        return
    code.add(depth, "{")
    code.add(depth + 1, "unsigned long began = millis();")
    code.add(depth + 1, f"while (!{cond} && millis() - began < {code.cpp(timeout)}UL) lbk_tick();")
    code.add(depth, "}")


def _wait_touch(code: Code, step: Step, depth: int) -> None:
    code.add(depth, f"while (!LbTouch.read({touch_mask(tuple(step.args['pads']))})) lbk_tick();")


def _gripper(code: Code, step: Step, depth: int) -> None:
    left, right, ms = (step.args.get(key) for key in ("left", "right", "ms"))
    if ms is None and left == right:
        code.add(depth, f"LbGripper.moveTo({code.cpp(left)});")
        return
    ms = DEFAULT_GRIPPER_MS if ms is None else ms
    code.add(depth, f"LbGripper.moveToLR({code.cpp(left)}, {code.cpp(right)}, {code.cpp(ms)});")


def _color(color: tuple[str, object]) -> str:
    kind, value = color
    if kind == "rgb" and isinstance(value, int) and 0 <= value <= 0xFFFFFF:
        return f"CRGB(0x{value >> 16:02X}, 0x{(value >> 8) & 0xFF:02X}, 0x{value & 0xFF:02X})"
    name = crgb_name(str(value)) if kind == "name" else None
    if name is None:
        raise TemplateError(_("unknown colour {color!r}").format(color=value))
    return f"CRGB::{name}"


def _leds(code: Code, step: Step, depth: int) -> None:
    color, shape = step.args.get("color"), step.args.get("shape")
    if color is None:
        code.add(depth, "LbRGB.clear();")
    elif shape:
        leds = [led if led in LED_BITS else "led" + str(led).upper() for led in shape]
        if not set(leds) <= set(LED_BITS):
            raise TemplateError(_("unknown LED in {shape!r}").format(shape=shape))
        code.add(depth, f"LbRGB.fillColor({_color(color)}, BITMAP({', '.join(leds)}));")
    else:
        code.add(depth, f"LbRGB.fillColor({_color(color)});")
    code.add(depth, "LbRGB.show();")


def _tone(code: Code, step: Step, depth: int) -> None:
    ms = code.cpp(step.args["ms"])
    code.add(depth, f"Leanbot.tone({code.cpp(step.args['hz'])}, {ms});")
    code.add(depth, f"lbk_wait({ms});")


def _melody(code: Code, step: Step, depth: int) -> None:
    notes = [(int(hz), int(ms)) for hz, ms in step.args["notes"]]
    if not 0 < len(notes) <= 65535 or any(not (0 <= v <= 65535) for note in notes for v in note):
        raise TemplateError(_("the melody of step {n} cannot be played").format(n=step.number))
    name = f"melody_{int(step.number)}"
    words = phrases.text(code.lang, MELODY, n=step.number, notes=step.args.get("source", ""))
    code.globals.append(f"// {words}")
    code.globals.append(f"const uint16_t {name}[] PROGMEM = {{")
    for start in range(0, len(notes), 4):
        pairs = "  ".join(f"{hz}, {ms}," for hz, ms in notes[start : start + 4])
        code.globals.append(f"  {pairs}")
    code.globals.append("};")
    code.globals.append("")
    code.add(depth, f"lbk_melody({name}, {len(notes)});")


def _print(code: Code, step: Step, depth: int) -> None:
    text = cpp_string(step.args.get("text", ""))
    code.add(depth, f'Serial.println(F("{text}"));' if text else "Serial.println();")


def _set(code: Code, step: Step, depth: int) -> None:
    for var, expr in step.args["assign"]:
        code.add(depth, f"{var_cpp(identifier(var))} = {code.cpp(expr)};")


def _repeat(code: Code, step: Step, depth: int) -> None:
    i = f"repeat_{int(step.number)}"
    _block(
        code, f"for (long {i} = 0; {i} < {code.cpp(step.args['times'])}; {i}++)", step.body, depth
    )


def _if(code: Code, step: Step, depth: int) -> None:
    _block(code, f"if {code.cond(step.args['cond'])}", step.body, depth)
    if step.orelse:
        code.lines[-1] += " else {"
        code.comment(depth + 1, phrases.text(code.lang, phrases.ELSE, n=step.number))
        for child in step.orelse:
            emit(code, child, depth + 1)
        code.add(depth, "}")


def _follow_line(code: Code, step: Step, depth: int) -> None:
    code.uses.add("follow_line")
    call = f"follow_line({_speed(step)}, {code.cpp(step.args.get('threshold', 300))});"
    until = step.args.get("until")
    head = f"while (!{code.cond(until)})" if until is not None else "for (;;)"
    code.add(depth, head + " {")
    code.add(depth + 1, call)
    code.add(depth + 1, "lbk_tick();")
    code.add(depth, "}")
    code.add(depth, "lbk_stop();")


WRITERS: dict[str, Writer] = {
    "forward": _drive,
    "backward": _drive,
    "turn": _turn,
    "turn_left": _turn,
    "turn_right": _turn,
    "run": _run,
    "stop": lambda code, step, depth: code.add(depth, "lbk_stop();"),
    "wait": lambda code, step, depth: code.add(depth, f"lbk_wait({code.cpp(step.args['ms'])});"),
    "wait_until": _wait_until,
    "wait_touch": _wait_touch,
    "gripper": _gripper,
    "leds": _leds,
    "tone": _tone,
    "melody": _melody,
    "print": _print,
    "set": _set,
    "repeat": _repeat,
    "forever": lambda code, step, depth: _block(code, "for (;;)", step.body, depth, tick=True),
    "while": lambda c, s, d: _block(c, f"while {c.cond(s.args['cond'])}", s.body, d, tick=True),
    "if": _if,
    "follow_line": _follow_line,
    "end": lambda code, step, depth: code.add(depth, "lbk_end();"),
}
