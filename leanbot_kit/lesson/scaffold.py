"""The skeleton `leanbot new` writes: a small, valid, bilingual lesson with every key explained."""

from __future__ import annotations

import re

from leanbot_kit.errors import LeanbotError
from leanbot_kit.files import reserved_name
from leanbot_kit.i18n import _
from leanbot_kit.lesson.validate import ID_PATTERN, reserved_id_message
from leanbot_kit.resources import shipped_worlds

_COMMENTS = {
    "en": {
        "head": "A Leanbot lesson plan. Check it with: leanbot validate {file}\n"
        "# Editor completion: run `leanbot schema -o lesson.schema.json`, then put this line first:\n"
        "#   # yaml-language-server: $schema=lesson.schema.json",
        "format": "always leanbot-lesson/1",
        "id": "a-z, 0-9 and '-'; names the sketch and the telemetry header",
        "lang": "language of the comments in the generated sketch (vi or en)",
        "title": "every text can be plain, or given in both languages like this",
        "grade": "grades the lesson suits",
        "duration": "how long the lesson takes",
        "objectives": "what students learn",
        "materials": "what the class needs",
        "program": "the robot's own steps (or use `template:` instead)",
        "start": "`now`, or wait until these pads are touched",
        "steps": "quantities take units: mm cm m, deg, ms s min; speeds are steps/s (1..2000)",
        "telemetry": "what the robot streams while it runs (rate in Hz, fields from the docs)",
        "sim": "the simulated run (`leanbot sim`)",
        "world": "a shipped world ({names}; `leanbot worlds`) or a NAME.yaml next to this file",
        "expect": "goals a correct run meets: within/that, always, never, at_end",
        "goal": "drives 20 cm",
    },
    "vi": {
        "head": "Giáo án Leanbot. Kiểm tra bằng lệnh: leanbot validate {file}\n"
        "# Gợi ý tự động khi soạn: chạy `leanbot schema -o lesson.schema.json`, rồi đặt dòng này lên đầu:\n"
        "#   # yaml-language-server: $schema=lesson.schema.json",
        "format": "luôn là leanbot-lesson/1",
        "id": "chữ a-z, số 0-9 và '-'; dùng làm tên sketch và tên bài trong dữ liệu đo",
        "lang": "ngôn ngữ của chú thích trong sketch được tạo ra (vi hoặc en)",
        "title": "mọi đoạn chữ có thể viết bằng một ngôn ngữ, hoặc cả hai như thế này",
        "grade": "bài học dành cho các lớp nào",
        "duration": "thời lượng bài học",
        "objectives": "học sinh học được gì",
        "materials": "lớp học cần chuẩn bị những gì",
        "program": "các bước robot thực hiện (hoặc dùng `template:` thay thế)",
        "start": "`now` (bắt đầu ngay), hoặc chờ chạm vào các nút cảm ứng này",
        "steps": "đại lượng có đơn vị: mm cm m, deg, ms s min; tốc độ tính bằng bước/giây (1..2000)",
        "telemetry": "dữ liệu đo robot gửi về khi chạy (tần số tính bằng Hz; tên các trường xem tài liệu)",
        "sim": "chạy mô phỏng (`leanbot sim`)",
        "world": "sa bàn có sẵn ({names}; xem `leanbot worlds`) hoặc tệp TÊN.yaml cạnh tệp này",
        "expect": "các tiêu chí mà một lần chạy đúng phải đạt: within/that, always, never, at_end",
        "goal": "chạy được 20 cm",
    },
}

_BODY = """\
# {head}
format: leanbot-lesson/1          # {format}
{id_line}# {id_c}
{lang_line}# {lang_c}
title:                            # {title}
  vi: "Bài học mới"
  en: "A new lesson"
grade: "6-9"                      # {grade}
duration: 45min                   # {duration}
objectives:                       # {objectives}
  vi: ["Điều khiển robot chạy thẳng và quay"]
  en: ["Drive the robot straight and turn it"]
materials:                        # {materials}
  vi: ["Một Leanbot cho mỗi nhóm"]
  en: ["One Leanbot per group"]
program:                          # {program}
  start: touch(TB1A, TB1B)        # {start}
  steps:                          # {steps}
    - leds: Green
    - forward: 20cm
      speed: 1000
      note: {{vi: "Chạy thẳng 20 cm", en: "Drive 20 cm"}}
    - turn_right: 90deg
    - tone: {{hz: 880, ms: 200}}
    - end
telemetry:                        # {telemetry}
  rate_hz: 10
  fields: [dist_mm, rot_deg, ping_mm]
sim:                              # {sim}
  world: empty                    # {world}
  duration: 20s
  events: [{{at: 1s, touch: [TB1A, TB1B]}}]
expect:                           # {expect}
  - {{within: 15s, that: "dist_mm >= 190", name: "{goal}"}}
"""


def scaffold(lesson_id: str, lang: str = "en") -> str:
    """The YAML text of a new lesson `lesson_id`, its comments in `lang` (vi or en)."""
    if not re.fullmatch(ID_PATTERN, lesson_id):
        raise LeanbotError(
            _("{id!r} is not a valid lesson id").format(id=lesson_id),
            _("use a lower-case letter, then up to 39 of a-z, 0-9 and '-', like square-dance"),
        )
    if reserved_name(lesson_id):
        raise LeanbotError(reserved_id_message(lesson_id),
                           _("choose another id, like {example!r}").format(example=f"{lesson_id}-lesson"))
    comments = dict(_COMMENTS["vi" if lang == "vi" else "en"])
    comments["head"] = comments["head"].format(file=f"{lesson_id}.yaml")
    comments["world"] = comments["world"].format(names=", ".join(shipped_worlds()))
    return _BODY.format(
        id_line=f"id: {lesson_id}".ljust(34),
        lang_line=f"lang: {lang}".ljust(34),
        id_c=comments.pop("id"),
        lang_c=comments.pop("lang"),
        **comments,
    )
