"""Which USB serial chip a port is, by its VID:PID: the one table `ports`, `flash` and `monitor` share."""

from __future__ import annotations

CHIPS = {("1a86", "7523"): "CH340", ("1a86", "5523"): "CH341", ("0403", "6001"): "FTDI",
         ("0403", "6015"): "FTDI", ("10c4", "ea60"): "CP210x"}
ARDUINO_VIDS = {"2341": "Arduino", "2a03": "Arduino"}


def chip_for(vid: str, pid: str) -> str:
    """The USB serial chip by VID:PID (hex without 0x): CH340, FTDI, CP210x, Arduino, or ''."""
    vid, pid = vid.lower(), pid.lower()
    return CHIPS.get((vid, pid)) or ARDUINO_VIDS.get(vid, "")
