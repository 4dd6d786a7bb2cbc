"""Per-record exports (manifest, correction record, citations, report artifacts) and site feeds.

Each module computes one kind of file from a validated record and the site configuration;
``generator.exports.tree`` gathers them into the docs tree. Nothing here reads the filesystem
except the report-artifact cache, which lives under ``build/cache/``.
"""
