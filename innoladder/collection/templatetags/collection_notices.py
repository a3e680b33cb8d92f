"""The filing notices other screens show: on an enterprise's assessment page, that figures it submitted
are not used until the park adopts them."""

from django import template

from .. import presenters, selectors, services

register = template.Library()


@register.inclusion_tag("collection/_adoption_notices.html", takes_context=True)
def awaiting_adoption_notices(context, enterprise):
    user = context["request"].user
    own = services.speaks_for_enterprise(user)
    forms = selectors.awaiting_adoption(user, enterprise).select_related("campaign")
    return {"notices": [(s, presenters.adoption_notice(s, own=own)) for s in forms]}
