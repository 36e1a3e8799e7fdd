"""No text a person reads bypasses the catalogues: a scan of the package's syntax trees."""

from __future__ import annotations

from tests.i18n_scan import is_prose, scan


def test_the_scan_tells_prose_from_tokens():
    assert is_prose("could not open {port}")
    assert is_prose("failed")
    assert not is_prose("{name}: {value}")
    assert not is_prose("sketch.yaml")
    assert not is_prose("x_mm")
    assert not is_prose("x (mm)")


def test_no_user_facing_literal_bypasses_the_catalogue():
    offenders = scan()
    assert not offenders, ("wrap these in _() (or N_() at module level), then run "
                           "tools/extract_catalogs.py:\n" + "\n".join(map(str, offenders)))
