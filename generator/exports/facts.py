"""Facts every export states the same way: publisher, dates, whether a report body exists."""

from __future__ import annotations

from datetime import UTC, date, datetime

from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig


def publisher_name(record: SynthesisRecord, config: SiteConfig) -> str:
    """The record's publisher, or the site's publisher when the record names none."""
    return record.publisher.name if record.publisher else config.publisher_name


def publisher_url(record: SynthesisRecord, config: SiteConfig) -> str:
    return record.publisher.url if record.publisher and record.publisher.url else config.publisher_url


def as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def updated_on(record: SynthesisRecord) -> date | None:
    """The record's own last-change date: last correction, else submission; None when undated."""
    corrected = record.correction_record.last_corrected_at if record.correction_record else None
    dates = [as_date(d) for d in (record.submitted, corrected) if d is not None]
    return max(dates) if dates else None


def as_datetime(value: date) -> datetime:
    """Midnight UTC of a date: feeds and PDFs carry record dates, never the build time."""
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def has_report(record: SynthesisRecord) -> bool:
    """True when the record stores at least one report section with a non-blank body."""
    return bool(record.report and any(section.body.strip() for section in record.report.sections))
