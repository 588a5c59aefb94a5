"""Lookups shared by the front-end views; every decision goes through the core policy."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from wagtail_send.access import can

from ..models import Campaign, Response


def campaign_for(request, pk, action="view"):
    """The audit ``pk`` if the person may do ``action`` to it, else 403 (404 if none)."""
    campaign = get_object_or_404(Campaign.objects.select_related("school"), pk=pk)
    if not can(request.user, action, campaign):
        raise PermissionDenied
    return campaign


def response_for(request, pk, action="view"):
    """One person's answers if the asker may do ``action`` to them, else 403."""
    response = get_object_or_404(
        Response.objects.select_related("campaign", "created_by", "school"), pk=pk
    )
    if not can(request.user, action, response):
        raise PermissionDenied
    return response
