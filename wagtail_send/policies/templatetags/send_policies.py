from django import template

from ..money import pounds as format_pounds
from ..senco import senco_status

register = template.Library()


@register.filter
def pounds(amount):
    """An amount as "£1,250" or "£1,250.50"."""
    return format_pounds(amount)


@register.simple_tag
def senco_standing(school):
    """Where ``school``'s SENCO stands with the qualification duty today."""
    return senco_status(school)
