"""Cofnod desktop: record child protection conferences offline, in Welsh or English."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Cofnod"
APP_ID = "cofnod"
