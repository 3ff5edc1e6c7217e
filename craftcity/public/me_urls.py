"""The signed-in artisan's own area, /<lang>/me/ (accounts themselves are django-allauth's, /<lang>/accounts/)."""

from django.urls import path

from . import me, me_organizations

app_name = "me"

urlpatterns = [
    path("", me.home, name="home"),
    path("profile/", me.profile, name="profile"),
    path("profile/preview/", me.preview, name="preview"),
    path("profile/photo.jpg", me.photo, name="photo"),
    path("profile/names/", me.names, name="names"),
    path("workshop/", me.workshop, name="workshop"),
    path("works/", me.works, name="works"),
    path("works/add/", me.work_edit, name="work-add"),
    path("works/<int:pk>/", me.work_edit, name="work-edit"),
    path("works/<int:pk>/submit/", me.work_submit, name="work-submit"),
    path("applications/", me.applications, name="applications"),
    path("applications/<int:pk>/file/", me.application_file, name="application-file"),
    path("grants/", me.grants, name="grants"),
    path("data/", me.my_data, name="data"),
    path("data/removal/", me.removal, name="removal"),
    path("organizations/", me_organizations.organizations, name="organizations"),
    path("organizations/<slug:slug>/", me_organizations.organization, name="organization"),
    path("organizations/<slug:slug>/members/", me_organizations.member_add, name="member-add"),
    path("organizations/<slug:slug>/members/<int:pk>/end/", me_organizations.member_end, name="member-end"),
    path("claim/", me.claim, name="claim"),
    path("propose/", me.propose, name="propose"),
    path("claims/<int:pk>/withdraw/", me.claim_withdraw, name="claim-withdraw"),
    path("invitation/<str:token>/", me.invitation, name="invitation"),
]
