"""recordlink: find the same person across lists written in different scripts and spellings.

A reusable, database-free dedupe engine (Fellegi–Sunter with EM, blocking on script-independent name
keys, guarded clustering). Entry point: ``recordlink.dedupe(rows)``; CSV helpers in ``recordlink.csvio``.
"""

from recordlink.engine import DEFAULT_THRESHOLD, DedupeResult, dedupe

__all__ = ["DEFAULT_THRESHOLD", "DedupeResult", "dedupe"]
