"""The back office's admin site: Django's, except that signing in goes through allauth's stages (so an account
with a second factor is asked for its code after the password) and that, when the city requires it, staff
without a second factor are sent to set one up before any back-office page opens."""

from functools import wraps

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache


class StaffLoginView(LoginView):
    """The admin's username-and-password form; a right password hands over to `accounts.signin`."""

    def get_default_redirect_url(self):
        return reverse("admin:index")

    def form_valid(self, form):
        from craftcity.accounts.signin import sign_in_after_password

        return sign_in_after_password(self.request, form.get_user(), redirect_url=self.get_success_url())


class BackOfficeSite(admin.AdminSite):
    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        # As AdminSite.login, with StaffLoginView in place of LoginView.
        from django.contrib.admin.forms import AdminAuthenticationForm

        redirect_url = StaffLoginView().get_redirect_url(request) or reverse("admin:index", current_app=self.name)
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(redirect_url)
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
            REDIRECT_FIELD_NAME: redirect_url,
            **(extra_context or {}),
        }
        request.current_app = self.name
        return StaffLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form or AdminAuthenticationForm,
            template_name=self.login_template or "admin/login.html",
        )(request)

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def inner(request, *args, **kwargs):
            if request.path != reverse("admin:logout", current_app=self.name) and _must_set_up(request.user):
                return HttpResponseRedirect(reverse("mfa_activate_totp"))  # the page says why
            return checked(request, *args, **kwargs)

        return inner


def _must_set_up(user) -> bool:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    from craftcity.accounts.rules import needs_second_factor

    return needs_second_factor(user) and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
