"""wagtail-send: SEND tools for schools in England, inside Wagtail."""

__version__ = "0.1.0"
