"""craftcity: the living registry of a creative city's crafts and music community."""
