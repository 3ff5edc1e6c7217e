from rest_framework.permissions import IsAuthenticatedOrReadOnly


class ReadOnlyOrServicePermission(IsAuthenticatedOrReadOnly):
    """Anyone reads public data; writes need a signed-in user, and each view asks the rules per object.

    A subclass of DRF's IsAuthenticatedOrReadOnly (the same rule) so that drf-spectacular documents reads as open to
    visitors (`security` includes `{}`); the published document said every read needed signing in."""
