from wagtail.images.forms import BaseImageForm

from .uploads import SafeImageFormMixin


class SafeImageForm(SafeImageFormMixin, BaseImageForm):
    """Wagtail's image form with wagtail-send's upload checks; see docs/install.md."""
