"""With wagtail-localize installed, the SEN Information Report translates like any page.

Runs only under ``example_site.settings.localize`` (see tests/policies/test_translatable.py,
which starts this run).
"""

import pytest
from django.apps import apps

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("wagtail_localize"), reason="needs the localize settings"
    ),
]


def test_the_report_is_translated_into_welsh_and_keeps_its_items(report, people):
    from wagtail.models import Locale
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    from tests.policies.conftest import WORDS
    from wagtail_send.policies.items import ITEMS

    welsh = Locale.objects.create(language_code="cy")
    source, _ = TranslationSource.get_or_create_from_instance(report)
    texts = list(source.stringsegment_set.values_list("string__data", flat=True))
    assert report.title in texts
    assert sum(WORDS in text for text in texts) >= len(ITEMS)  # every item is translatable

    translation = Translation.objects.create(source=source, target_locale=welsh)
    for segment in source.stringsegment_set.select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=welsh,
            context=segment.context,
            defaults={"data": f"[cy] {segment.string.data}"},
        )
    translation.save_target(user=people["senco"], publish=True)

    welsh_report = report.get_translation(welsh)
    draft = welsh_report.get_latest_revision_as_object()
    assert getattr(draft, ITEMS[0].field_name).startswith("<p>[cy] ")
    assert draft.publication_date == report.publication_date
    # A translation is a new version of a statutory document: governors approve it too.
    assert not welsh_report.live
    assert report.get_workflow() is not None
    assert welsh_report.get_workflow() == report.get_workflow()
