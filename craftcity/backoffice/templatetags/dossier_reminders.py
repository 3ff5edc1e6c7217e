from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def dossier_reminders(context):
    """Reports falling due, for staff who work on the dossier; nothing for everyone else."""
    from craftcity.backoffice.dossier import _due_message, can_use_dossier
    from craftcity.dossier.selectors import obligations_due_soon

    request = context.get("request")
    if request is None or not can_use_dossier(request.user):
        return []
    return [_due_message(obligation) for obligation in obligations_due_soon()]
