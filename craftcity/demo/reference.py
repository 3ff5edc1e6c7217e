"""Load every reference table in dependency order."""

from craftcity.geo import reference as geo_reference
from craftcity.taxonomy import reference as taxonomy_reference


def load_reference(*, stats: dict | None = None) -> dict:
    """Countries, regions, cities, the discipline taxonomy and materials; adds only what is missing."""
    stats = {} if stats is None else stats
    geo_reference.load(stats)
    taxonomy_reference.load(stats)
    return stats
