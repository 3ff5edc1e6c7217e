"""Accounts use Django's User; roles are groups (see roles.py). The custom permissions live on their models."""
