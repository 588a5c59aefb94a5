"""Amounts of money in pounds: a model field whose form takes "£1,250.50" as readily as "1250".

A budgeted cost that is negative or not an amount of money is a field error with a
message that says what to type, never Django's bare "Enter a number."
"""

import decimal

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

NOT_MONEY = _("Enter an amount in pounds, for example 1250 or £1,250.50.")
NEGATIVE = _("An amount cannot be negative.")


class MoneyFormField(forms.DecimalField):
    """Pounds and pence; a pound sign, commas and spaces are allowed and ignored."""

    default_error_messages = {"invalid": NOT_MONEY, "max_decimal_places": NOT_MONEY}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)
        self.error_messages["min_value"] = NEGATIVE

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)


class MoneyField(models.DecimalField):
    """An amount in pounds and pence, never negative."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", [MinValueValidator(0, message=NEGATIVE)])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, **kwargs})


def pounds(amount):
    """``amount`` as the page shows it: "£1,250" or "£1,250.50"."""
    amount = decimal.Decimal(amount or 0)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"
