"""Format modules for languages Django ships none for (FORMAT_MODULE_PATH): Kazakh."""
