"""Photos and files on posts: Wagtail's own images and documents, kept from the public.

They live in a collection per school that Wagtail's privacy restricts to the school's
staff, and the wall links to them only through views that check the post
(:mod:`.views.files`), never through public media URLs.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from wagtail_send.roles import Role
from wagtail_send.schools import role_group

#: Roles whose groups may open the school's learning-wall collection through Wagtail.
STAFF_ROLES = (Role.STAFF, Role.SENCO, Role.SLT)

#: Rendition filters the wall may ask for, by name (never a filter from the URL).
RENDITIONS = {"card": "fill-640x420-c80", "full": "max-1600x1600"}


def private_collection(school):
    """The school's learning-wall collection, made (with its privacy) on first use."""
    name = _("Learning wall: %(school)s (%(pk)s)") % {"school": school.name, "pk": school.pk}
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is not None:
        return collection
    with transaction.atomic():
        collection = root.add_child(name=name)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set([role_group(school, role) for role in STAFF_ROLES])
    return collection


def save_image(upload, *, alt_text, school, user):
    """Store an uploaded (already validated) photo as a Wagtail image."""
    image = get_image_model()(
        title=alt_text[:255],
        description=alt_text[:255],
        file=upload,
        collection=private_collection(school),
        uploaded_by_user=user,
    )
    image.save()
    return image


def save_document(upload, *, school, user):
    """Store an uploaded (already validated) file as a Wagtail document."""
    document = get_document_model()(
        title=upload.name[:255],
        file=upload,
        collection=private_collection(school),
        uploaded_by_user=user,
    )
    document.save()
    return document
