"""Serial ports: opening them with clear errors, and the `sim://` and `replay://` URL handlers.

Importing this package registers it in `serial.protocol_handler_packages`, so pyserial's
`serial_for_url("sim://…")` finds `leanbot_kit.ports.protocol_sim` (and `protocol_replay`).
"""

import serial as _serial

if "leanbot_kit.ports" not in _serial.protocol_handler_packages:
    _serial.protocol_handler_packages.append("leanbot_kit.ports")
