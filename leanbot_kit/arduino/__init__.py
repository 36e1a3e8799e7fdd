"""arduino-cli, serial port discovery, building and flashing robots."""
