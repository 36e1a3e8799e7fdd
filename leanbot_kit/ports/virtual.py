"""What every virtual serial port of leanbot-kit (`sim://`, `replay://`) shares: no modem lines."""

from __future__ import annotations

from serial.serialutil import SerialBase


class VirtualPort(SerialBase):
    """A pyserial port with no real modem lines: CTS, DSR and CD always on, no ring, RTS/break ignored."""

    def _update_dtr_state(self) -> None:
        """DTR does nothing unless a subclass wires it (the simulated board resets on it)."""

    def _update_rts_state(self) -> None:
        """RTS is not wired."""

    def _update_break_state(self) -> None:
        """A break does nothing."""

    @property
    def cts(self) -> bool:
        """Clear To Send: always true."""
        return True

    @property
    def dsr(self) -> bool:
        """Data Set Ready: always true."""
        return True

    @property
    def ri(self) -> bool:
        """Ring Indicator: never."""
        return False

    @property
    def cd(self) -> bool:
        """Carrier Detect: always true."""
        return True
