"""The fixtures of this folder live in security/city.py, so the browser tests can use the same city."""

from security.city import city, poisoned_city  # noqa: F401
