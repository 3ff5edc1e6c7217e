#!/usr/bin/env python
"""Same as the `craftcity` console command."""

from craftcity.cli import main

if __name__ == "__main__":
    main()
