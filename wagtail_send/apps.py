from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WagtailSendConfig(AppConfig):
    name = "wagtail_send"
    label = "wagtail_send"
    verbose_name = _("SEND")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save
        from wagtail.permissions import register_permission_policy

        from . import checks  # noqa: F401  (registers the system checks)
        from .access import SchoolRecordPermissionPolicy, lapses
        from .access.verify import verify_grants
        from .audit import append_only, keys
        from .audit.verify import also_verify
        from .models import Membership, PrivateFile, School, record_models
        from .models.files import delete_private_file
        from .models.needs import ensure_need_types
        from .schools.groups import on_membership_deleted, on_membership_saved
        from .schools.setup import ensure_a_school
        from .signin import apply_throttling_defaults

        apply_throttling_defaults()
        post_migrate.connect(ensure_a_school, sender=self)
        post_migrate.connect(ensure_need_types, sender=self)
        # Records that arrive without history are reported, never given a first row here:
        # that is ``start_send_history``, run once on purpose (see docs/security.md).
        post_migrate.connect(append_only.install, sender=self)
        keys.connect_setting_changes()
        also_verify(verify_grants)
        connect_caching(School)
        post_save.connect(on_membership_saved, sender=Membership)
        post_delete.connect(on_membership_deleted, sender=Membership)
        pre_save.connect(lapses.remember_membership, sender=Membership)
        post_save.connect(lapses.on_membership_saved, sender=Membership)
        post_delete.connect(lapses.on_membership_deleted, sender=Membership)
        for model in [School, Membership, *record_models()]:
            register_permission_policy(model, SchoolRecordPermissionPolicy(model))
        register_core_personal_data()
        for model in record_models(PrivateFile):
            post_delete.connect(delete_private_file, sender=model)


def connect_caching(school):
    """Public pages renew on publishing, on privacy changes and on the school's details."""
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished

    from . import caching
    from .caching.frontend import purge_on_renewal

    def renew_every_page(**kwargs):
        # Every school's: a page's title is in menus and lists beyond its own school.
        caching.renew([caching.PAGES])

    page_published.connect(renew_every_page, weak=False, dispatch_uid="wagtail_send_published")
    page_unpublished.connect(renew_every_page, weak=False, dispatch_uid="wagtail_send_unpub")
    caching.renews([caching.PAGES], school)  # the SENCO's contact is on pages
    caching.renews([caching.PAGES], PageViewRestriction, schools=lambda instance, **kw: None)
    caching.on_renewal(purge_on_renewal)


def register_core_personal_data():
    from .access.policy import grant_model_for
    from .models import (
        AccessChange,
        ErasureRecord,
        LegalHold,
        Membership,
        RecordRead,
        School,
        SentReminder,
        record_models,
    )
    from .privacy import register_person_names, register_personal_data

    register_personal_data(Membership, "user")
    register_personal_data(AccessChange, "grantee", "changed_by")
    register_person_names(AccessChange, "grantee_name")
    register_person_names(School, "senco_name")
    register_personal_data(ErasureRecord, "erased_by")
    register_personal_data(RecordRead, "reader")
    register_personal_data(LegalHold, "placed_by", "lifted_by")
    register_personal_data(SentReminder, "recipient")
    for model in record_models():
        register_personal_data(model, "created_by")
        register_personal_data(grant_model_for(model), "user")
