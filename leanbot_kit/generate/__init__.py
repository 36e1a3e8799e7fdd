"""Turning a validated lesson into an Arduino sketch folder."""
