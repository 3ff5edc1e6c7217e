from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def dossier_reminders(context):
    """Reports falling due, for staff who work on the dossier; nothing for everyone else."""
    from django.utils import timezone

    from craftcity.backoffice.dossier import can_use_dossier
    from craftcity.dossier.selectors import obligations_due_soon
    from craftcity.dossier.services import obligation_sentence

    request = context.get("request")
    if request is None or not can_use_dossier(request.user):
        return []
    today = timezone.localdate()
    return [obligation_sentence(obligation, today) for obligation in obligations_due_soon(today=today)]


@register.filter
def days_late(obligation, today) -> int:
    return obligation.days_late(today)


@register.filter
def days_left(obligation, today) -> int:
    return (obligation.due_on - today).days
