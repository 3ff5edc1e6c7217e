"""Writing support programmes, grants, instalments, reports and residencies: the only door for the back
office, the demo and imports. Every write checks `accounts.rules.can_manage_support` when an actor is given."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_manage_support, can_report_on_grant
from craftcity.audit.context import change_batch
from craftcity.core.uploads import check_document

from .models import Grant, GrantReport, Instalment, Programme, Residency


def _require(actor) -> None:
    if actor is not None and not can_manage_support(actor):
        raise PermissionDenied(_("You may not manage support programmes."))


def _save(obj, actor, label: str):
    with change_batch(user=actor, label=label):
        obj.full_clean()
        obj.save()
    return obj


@transaction.atomic
def programme_save(*, actor=None, programme: Programme) -> Programme:
    _require(actor)
    return _save(programme, actor, f"support programme {programme.slug}")


def _check_grant(grant: Grant) -> None:
    programme = grant.programme
    if programme.call_id is None:
        if grant.application_id:
            raise ValidationError({"application": _("This programme decides directly: it takes no application.")})
        return
    application = grant.application
    if application is None:
        raise ValidationError(
            {"application": _("This programme awards through its call: choose the winning application.")}
        )
    if application.call_id != programme.call_id:
        raise ValidationError({"application": _("This application was made to another call.")})
    if application.stage != application.Stage.WINNER:
        raise ValidationError(
            {"application": _("Only a winner chosen by the call's jury receives this programme's award.")}
        )
    if grant.person_id and grant.person_id != application.person_id:
        raise ValidationError({"person": _("The recipient must be the applicant.")})
    grant.person_id, grant.organization_id = application.person_id, None


@transaction.atomic
def grant_save(*, actor=None, grant: Grant) -> Grant:
    """Award (or correct) a grant: directly, or to a winner of the programme's call."""
    _require(actor)
    _check_grant(grant)
    if grant.decided_on and grant.decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A grant cannot be decided in the future.")})
    paid = grant.instalments.aggregate(total=Sum("amount"))["total"] if grant.pk else None
    if paid and grant.amount is not None and paid > grant.amount:
        raise ValidationError(
            {"amount": _("%(paid)s has already been paid: the amount cannot be lower.") % {"paid": paid}}
        )
    return _save(grant, actor, f"grant {grant.pk or '+'}")


@transaction.atomic
def grant_cancel(*, actor=None, grant: Grant, cancelled_on: dt.date) -> Grant:
    _require(actor)
    if cancelled_on < grant.decided_on:
        raise ValidationError({"cancelled_on": _("A grant cannot be cancelled before it is decided.")})
    grant.status, grant.cancelled_on = Grant.Status.CANCELLED, cancelled_on
    return _save(grant, actor, f"grant {grant.pk} cancelled")


@transaction.atomic
def instalment_pay(*, actor=None, grant: Grant, amount: Decimal, paid_on: dt.date) -> Instalment:
    """Record money paid: never more than the grant, never before the decision, never on a cancelled grant."""
    _require(actor)
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if grant.status == Grant.Status.CANCELLED:
        raise ValidationError(_("This grant is cancelled: nothing more is paid."))
    if paid_on < grant.decided_on:
        raise ValidationError({"paid_on": _("An instalment cannot be paid before the grant is decided.")})
    paid = grant.instalments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if paid + amount > grant.amount:
        raise ValidationError(
            {"amount": _("%(left)s %(currency)s is left to pay on this grant.")
             % {"left": grant.amount - paid, "currency": grant.currency}}
        )  # fmt: skip
    return _save(Instalment(grant=grant, amount=amount, paid_on=paid_on), actor, f"grant {grant.pk} instalment")


@transaction.atomic
def grant_report_submit(*, actor=None, grant: Grant, submitted_on: dt.date, summary: str, upload=None) -> GrantReport:
    """The recipient's report on a grant (sent by the recipient from My craftcity, or recorded by staff)."""
    if actor is not None and not can_report_on_grant(actor, grant):
        raise PermissionDenied(_("You may report only on your own grants."))
    if grant.status == Grant.Status.CANCELLED:
        raise ValidationError({"summary": _("This grant was cancelled: there is nothing to report on.")})
    if submitted_on < grant.decided_on:
        raise ValidationError({"submitted_on": _("A report cannot come before the grant.")})
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": _("A report cannot be dated in the future.")})
    if grant.reports.filter(status=GrantReport.Status.SUBMITTED).exists():
        raise ValidationError({"summary": _("A report on this grant is already waiting for a decision.")})
    if upload is not None:
        check_document(upload, "file")
    report = GrantReport(grant=grant, submitted_on=submitted_on, summary=summary)
    if upload is not None:
        report.file.save(upload.name, upload, save=False)
    return _save(report, actor, f"grant {grant.pk} report")


@transaction.atomic
def grant_report_decide(
    *, actor=None, report: GrantReport, accept: bool, decided_on: dt.date, comment: str = ""
) -> GrantReport:
    """Accept the recipient's report (the grant is then completed) or return it for changes."""
    _require(actor)
    if decided_on < report.submitted_on:
        raise ValidationError({"decided_on": _("A report cannot be decided before it is submitted.")})
    report.status = GrantReport.Status.ACCEPTED if accept else GrantReport.Status.RETURNED
    report.decided_on, report.decided_by, report.comment = decided_on, actor, comment
    _save(report, actor, f"grant report {report.pk} decided")
    if accept and report.grant.status == Grant.Status.AWARDED:
        report.grant.status = Grant.Status.COMPLETED
        _save(report.grant, actor, f"grant {report.grant.pk} completed")
    return report


@transaction.atomic
def residency_save(*, actor=None, residency: Residency, works=None, events=None) -> Residency:
    _require(actor)
    if residency.grant_id and residency.grant.programme.kind != Programme.Kind.RESIDENCY:
        raise ValidationError({"grant": _("Only a grant of a residency programme pays for a residency.")})
    _save(residency, actor, f"residency {residency.pk or '+'}")
    if works is not None:
        residency.works.set(works)
    if events is not None:
        residency.events.set(events)
    return residency


def person_grants_move(*, keep, absorb) -> None:
    """A merge: the absorbed record's grants are the kept person's (people.merging)."""
    from craftcity.people.merging import reassign

    reassign(absorb.grants.all(), keep)
