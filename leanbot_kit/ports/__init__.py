"""Serial ports: opening them with clear errors, and the `sim://` and `replay://` URL handlers.

Importing this package registers it in `serial.protocol_handler_packages`, so pyserial's
`serial_for_url("sim://…")` finds `leanbot_kit.ports.protocol_sim` (and `protocol_replay`).
"""
