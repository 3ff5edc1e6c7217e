"""My craftcity: an artisan's account home, finding and claiming their registry profile, invitations."""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from craftcity.people import claims
from craftcity.people.models import Person, ProfileClaim

from .refusals import refusal_text


def _refused(form, error) -> None:
    """A service's refusal shown on the form: each field's messages at the field, the rest above the form."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, refusal_text(error))
        return
    for field, texts in getattr(error, "message_dict", {None: error.messages}).items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


@login_required
def home(request):
    person = getattr(request.user, "person", None)
    pending = ProfileClaim.objects.filter(user=request.user).select_related("person").order_by("-created_at")
    from craftcity.accounts.rules import edited_organization_ids

    return render(
        request,
        "public/me/home.html",
        {
            "person": person,
            "claims": pending[:5],
            "waiting": pending.filter(status="pending").first(),
            "edits_organizations": bool(edited_organization_ids(request.user)),
        },
    )


def _own_person(request):
    person = getattr(request.user, "person", None)
    if person is None:
        messages.info(request, _("Claim your profile in the registry first."))
    return person


@login_required
def profile(request):
    """My profile: biography in three languages, crafts, contacts with their consents, photo."""
    from craftcity.people.services import person_photo_set, person_update

    from .profile_form import LANGUAGES, ProfileForm

    person = _own_person(request)
    if person is None:
        return redirect("me:home")
    form = ProfileForm(request.POST or None, request.FILES or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                person_update(actor=request.user, person=person, **form.person_fields())
                if form.cleaned_data["photo"]:
                    person_photo_set(
                        actor=request.user,
                        person=person,
                        upload=form.cleaned_data["photo"],
                        alt=form.photo_alt(),
                        square=form.cleaned_data["crop_square"],
                    )
                elif person.photo:
                    person_update(actor=request.user, person=person, photo_alt=form.photo_alt())
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("me:profile")
    return render(request, "public/me/profile.html", {"form": form, "person": person, "languages": LANGUAGES})


@login_required
def photo(request):
    """My own photo, as stored, for my profile screen: shown to me whether or not visitors may see it."""
    from django.http import FileResponse

    person = _own_person(request)
    if person is None or not person.photo:
        raise Http404
    response = FileResponse(person.photo.storage.open(person.photo.name, "rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def names(request):
    """My name as it is written: every form, the derived Latin and Russian ones marked, each correctable
    (a corrected form is never derived over again); add a form, or drop one that is not the main one."""
    from craftcity.people.models import PersonName
    from craftcity.people.services import person_name_add, person_name_delete, person_name_save

    person = _own_person(request)
    if person is None:
        return redirect("me:home")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                person_name_add(
                    actor=request.user,
                    person=person,
                    full_name=request.POST.get("full_name", ""),
                    language=request.POST.get("language", ""),
                    form=request.POST.get("form", PersonName.Form.OTHER),
                )
            else:
                name = get_object_or_404(PersonName, pk=request.POST.get("name") or 0, person=person)
                if action == "delete":
                    if name.is_primary:
                        raise ValidationError(_("The main form of a language cannot be removed; correct it instead."))
                    person_name_delete(actor=request.user, name=name)
                else:
                    name.full_name = " ".join(request.POST.get("full_name", "").split())
                    person_name_save(actor=request.user, name=name)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("Your name forms were saved."))
        return redirect("me:names")
    return render(
        request,
        "public/me/names.html",
        {
            "names": person.names.order_by("language", "-is_primary", "form"),
            "forms": PersonName.Form.choices,
            "languages": settings.LANGUAGES,
        },
    )


@login_required
def workshop(request):
    """My workshop: name, address (public only if I say so), the week's hours, visits, what visitors find."""
    from craftcity.core.slugs import unique_slug
    from craftcity.places.models import Place
    from craftcity.places.services import place_save

    from .workshop_form import WorkshopForm

    person = _own_person(request)
    if person is None:
        return redirect("me:home")
    place = Place.objects.filter(person=person).order_by("pk").first()
    form = WorkshopForm(request.POST or None, place=place)
    if request.method == "POST" and form.is_valid():
        fields = form.place_fields()
        target = place or Place(kind=Place.Kind.WORKSHOP, person=person)
        for key, value in fields.items():
            setattr(target, key, value)
        if not target.slug:
            label = next(iter(fields["name"].values()), "")
            target.slug = unique_slug(
                label, lambda slug: Place.objects.filter(slug=slug).exists(), fallback="workshop", max_length=100
            )
        try:
            place_save(actor=request.user, place=target)
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, _("Your workshop was saved."))
            return redirect("me:workshop")
    return render(request, "public/me/workshop.html", {"form": form, "place": place})


@login_required
def preview(request):
    """My public page exactly as a visitor sees it: rendered for an anonymous viewer, never stored."""
    from django.contrib.auth.models import AnonymousUser

    from .views import _person_page

    person = _own_person(request)
    if person is None:
        return redirect("me:home")
    visitor = copy.copy(request)
    visitor.user = AnonymousUser()
    return render(visitor, "public/person.html", {"page": _person_page(visitor, person.pk), "preview": True})


@login_required
def works(request):
    """My works: what I made, each with its state (draft, waiting for a curator, published) and remarks."""
    from craftcity.works.models import Work

    person = _own_person(request)
    if person is None:
        return redirect("me:home")
    items = (
        Work.objects.filter(work_makers__person=person).distinct().prefetch_related("images").order_by("-updated_at")
    )
    return render(request, "public/me/works.html", {"works": items})


def _my_work(request, pk: int):
    from craftcity.accounts.rules import can_edit_work
    from craftcity.works.models import Work

    work = get_object_or_404(Work, pk=pk)
    if not can_edit_work(request.user, work):
        raise Http404
    return work


@login_required
def work_edit(request, pk: int | None = None):
    """Add a work I made, or change one; images are checked and stripped like every catalogue image."""
    from craftcity.works import services

    from .work_form import WorkForm

    person = _own_person(request)
    if person is None:
        return redirect("me:home")
    work = _my_work(request, pk) if pk else None
    form = WorkForm(request.POST or None, request.FILES or None, work=work)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if work is None:
                    work = services.work_create(actor=request.user, makers=[person], **form.work_fields())
                else:
                    services.work_update(actor=request.user, work=work, **form.work_fields())
                if form.cleaned_data["image"]:
                    services.work_image_add(
                        actor=request.user, work=work, upload=form.cleaned_data["image"], alt=form.alt()
                    )
        except (ValidationError, PermissionDenied) as error:
            if pk is None:
                work = None
            _refused(form, error)
        else:
            messages.success(request, _("The work was saved. Send it for review when it is ready."))
            return redirect("me:works")
    return render(request, "public/me/work_form.html", {"form": form, "work": work})


@login_required
@require_POST
def work_submit(request, pk: int):
    from craftcity.works import services

    try:
        services.work_review_request(actor=request.user, work=_my_work(request, pk))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("The work was sent to the curators. You will see their answer here."))
    return redirect("me:works")


@login_required
def applications(request):
    """My applications to calls: status, place in the waiting line, an offered seat to accept before it expires,
    what I sent; and, for jurors, the juries I sit on."""
    from craftcity.events import services as events
    from craftcity.events.models import Application, Juror

    person = _own_person(request)
    if person is None:
        return redirect("me:home")
    rows = list(
        Application.objects.filter(person=person).select_related("call__event", "category").order_by("-created_at")
    )
    for row in rows:
        row.position = events.waiting_position(row)
    juries = Juror.objects.filter(person=person).select_related("competition__event")
    return render(request, "public/me/applications.html", {"applications": rows, "juries": juries})


@login_required
def grants(request):
    """My grants and scholarships: amounts, instalments paid, my reports and their decisions; a report sent
    from here goes through the support services like one recorded by staff."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from craftcity.support import services as support
    from craftcity.support.models import Grant

    person = _own_person(request)
    if person is None:
        return redirect("me:home")
    mine = Grant.objects.filter(person=person).select_related("programme").prefetch_related("instalments", "reports")
    errors, summary = {}, ""
    if request.method == "POST":
        grant = get_object_or_404(mine, pk=request.POST.get("grant") or 0)
        summary = request.POST.get("summary", "").strip()
        if not summary:
            errors = {"summary": [_("Write what the grant achieved.")]}
        else:
            try:
                support.grant_report_submit(actor=request.user, grant=grant, submitted_on=timezone.localdate(),
                                            summary=summary, upload=request.FILES.get("file"))  # fmt: skip
            except PermissionDenied as refusal:
                errors = {"summary": [str(refusal)]}
            except ValidationError as invalid:
                errors = invalid.message_dict
            else:
                messages.success(request, _("Your report was sent. The programme will accept it or return it."))
                return redirect("me:grants")
    return render(
        request,
        "public/me/grants.html",
        {"grants": list(mine.order_by("-decided_on")), "errors": errors, "summary": summary,
         "failed": request.POST.get("grant") if errors else None},
    )  # fmt: skip


@login_required
def application_file(request, pk: int):
    """The file I attached to an application: mine only."""
    from django.http import FileResponse

    from craftcity.events.models import Application

    person = _own_person(request)
    row = get_object_or_404(Application, pk=pk, person=person) if person else None
    if row is None or not row.attachment:
        raise Http404
    return FileResponse(row.attachment.open("rb"), as_attachment=True, filename=row.attachment.name.rsplit("/", 1)[-1])


@login_required
def my_data(request):
    """Everything the registry holds about me: as a page to read or print, or as JSON (`?format=json`)."""
    from django.http import JsonResponse

    from craftcity.people.export import person_data
    from craftcity.people.models import RemovalRequest

    data = person_data(request.user)
    if request.GET.get("format") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'attachment; filename="craftcity-my-data.json"'
        return response
    waiting = RemovalRequest.objects.filter(user=request.user, status=RemovalRequest.Status.PENDING).first()
    return render(
        request, "public/me/data.html", {"data": data, "scopes": RemovalRequest.Scope.choices, "waiting": waiting}
    )


@login_required
@require_POST
def removal(request):
    try:
        claims.removal_request(
            user=request.user,
            scope=request.POST.get("scope", ""),
            message=request.POST.get("message", ""),
            language=translation.get_language(),
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Your request was sent. A registrar will decide and write to you."))
    return redirect("me:data")


@login_required
def claim(request):
    """Find one's record with the public search (any script) and say "this is me"."""
    if request.method == "POST":
        person = get_object_or_404(Person.objects.public(), pk=request.POST.get("person") or 0)
        try:
            claims.claim_request(
                user=request.user,
                person=person,
                message=request.POST.get("message", ""),
                language=translation.get_language(),
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal_text(error))
            return redirect("me:claim")
        messages.success(request, _("Your request was sent. A registrar will check it and write to you."))
        return redirect("me:home")
    from craftcity.search.models import SearchEntry
    from craftcity.search.services import search

    query = request.GET.get("q", "").strip()[:100]
    hits = search(query, kinds=[SearchEntry.Kind.PERSON], limit=20) if query else []
    taken = set(
        Person.objects.filter(pk__in=[h.object_id for h in hits], user__isnull=False).values_list("pk", flat=True)
    )
    return render(request, "public/me/claim.html", {"query": query, "hits": hits, "taken": taken})


@login_required
def propose(request):
    languages = [("kk", _("In Kazakh (Cyrillic)")), ("ru", _("In Russian")),
                 ("en", _("In Latin letters, as in a passport"))]  # fmt: skip
    values = {"full_name": "", "name_language": translation.get_language(), "message": ""}
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in values}
        try:
            claims.profile_propose(user=request.user, language=translation.get_language(), **values)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("Your profile was proposed. A registrar will check it and write to you."))
            return redirect("me:home")
    return render(request, "public/me/propose.html", {"values": values, "languages": languages})


@login_required
@require_POST
def claim_withdraw(request, pk: int):
    item = get_object_or_404(ProfileClaim, pk=pk, user=request.user)
    try:
        claims.claim_withdraw(user=request.user, claim=item)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("me:home")


@login_required
def invitation(request, token: str):
    try:
        found = claims.invitation_find(token)
    except ValidationError as error:
        return render(request, "public/me/invitation.html", {"error": refusal_text(error)}, status=410)
    if request.method == "POST":
        try:
            claims.invitation_accept(user=request.user, token=token)
        except (ValidationError, PermissionDenied) as error:
            return render(request, "public/me/invitation.html", {"error": refusal_text(error), "invitation": found})
        messages.success(request, _("Welcome! This profile is now yours."))
        return redirect("me:home")
    return render(request, "public/me/invitation.html", {"invitation": found})
