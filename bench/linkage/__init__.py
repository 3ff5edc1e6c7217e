"""Record-linkage benchmark: synthetic artisan lists, our engine against a Splink 5 baseline."""
