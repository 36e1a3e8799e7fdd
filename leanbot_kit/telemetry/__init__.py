"""Telemetry protocol v1 on the host: parsing, live view, recordings and reports."""
