"""The one place numbers and dates become display strings."""

from __future__ import annotations

from datetime import date, datetime


def score10(value: float) -> str:
    """A review score on the 0–10 scale: ``3.5`` → ``"3.50/10"``."""
    return f"{value:.2f}/10"


def two_decimals(value: float) -> str:
    return f"{value:.2f}"


def long_date(value: date | datetime) -> str:
    """``2026-06-06`` → ``"6 June 2026"`` (no locale, no leading zero)."""
    return f"{value.day} {value:%B %Y}"


def iso_date(value: date | datetime) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def timestamp(value: date | datetime) -> str:
    """A date-time shown to the minute in UTC, or a plain date."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC") if value.tzinfo else value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def count(value: int) -> str:
    return f"{value:,}"


def counted(value: int, noun: str) -> str:
    """``1 record``, ``2 records``, ``1,204 records``."""
    return f"{value:,} {noun}{'' if value == 1 else 's'}"
