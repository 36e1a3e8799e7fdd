"""leanbot-kit: lesson plans, sketches, a simulated robot and telemetry tools for Leanbot."""

__version__ = "0.1.0"
