from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnlyOrServicePermission(BasePermission):
    """Anyone reads public data; writes need a signed-in user, and each view asks the rules per object."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or bool(request.user and request.user.is_authenticated)
