"""The pages the features need under a school's home page, made by one command.

A feature registers a maker in its AppConfig.ready()::

    register_feature_pages(setup.create_pages)

A maker takes the school and the page to build under, and returns the pages it made:
none when they are already there, so making them again changes nothing. The command
``send_create_pages`` and the admin's "SEND pages" view both call
:func:`create_feature_pages`.
"""

from django.db import transaction
from django.utils.text import slugify

_makers = []


def register_feature_pages(maker):
    if maker not in _makers:
        _makers.append(maker)


def home_of(school):
    """The page a school's feature pages go under: its site's root, or the default site's
    when this is the only school."""
    from wagtail.models import Site

    from .models import School

    site = school.site
    if site is None and School.objects.count() == 1:
        site = Site.objects.filter(is_default_site=True).first()
    return site and site.root_page.specific


def add_page(parent, page):
    """Add ``page`` under ``parent`` with the first free slug after the one it asks for."""
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = page.slug or slugify(page.title), 1
    page.slug = slug
    while page.slug in taken:
        n += 1
        page.slug = f"{slug}-{n}"
    return parent.add_child(instance=page)


@transaction.atomic
def create_feature_pages(school):
    """Make every installed feature's missing pages for ``school``.

    Returns:
        The pages made, or None when the school has no site to put them on.
    """
    home = home_of(school)
    if home is None:
        return None
    return [page for maker in _makers for page in maker(school, home)]
