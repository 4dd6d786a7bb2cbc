"""Typed input contracts. Models never touch the filesystem."""

from generator.models.record import SynthesisRecord

__all__ = ["SynthesisRecord"]
