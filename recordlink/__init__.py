"""recordlink: find the same person across lists written in different scripts and spellings.

A reusable, database-free dedupe engine (Fellegi–Sunter with EM, blocking on script-independent name
keys, guarded clustering). Entry points: ``recordlink.dedupe(rows)`` for cluster labels,
``recordlink.score_pairs(rows)`` for every compared pair's weight; CSV helpers in ``recordlink.csvio``.
"""

from recordlink.engine import DEFAULT_THRESHOLD, DedupeResult, ScoredPairs, dedupe, score_pairs

__all__ = ["DEFAULT_THRESHOLD", "DedupeResult", "ScoredPairs", "dedupe", "score_pairs"]
