"""Compile every `leanbot_kit/locale/*/LC_MESSAGES/*.po` into the `.mo` file beside it (needs Babel)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "leanbot_kit" / "locale"


def compiled(po_path: Path) -> bytes:
    """The `.mo` bytes for one `.po` file."""
    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main() -> int:
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(f"compiled {po.relative_to(LOCALE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
