"""Date and time inputs in the admin that accept what staff type, in Hong Kong time.

Django's admin widgets are text boxes that parse the active language's input formats:
in English those read "05/11/2026" as 11 May (the American order) and refuse
"25/11/2026"; in Chinese they refuse "2026年11月25日". Native date and time inputs let
the browser take the date in the reader's own order and always send ISO 8601, which
every language's formats parse. Times are the portal's time zone (TIME_ZONE, Hong Kong),
and the widget says so.
"""

from django import forms
from django.db import models
from django.utils.text import capfirst

ISO_DATE = "%Y-%m-%d"
# Minutes: what staff type and what the portal shows; seconds would add a third box.
ISO_TIME = "%H:%M"


class HongKongDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class HongKongSplitDateTimeWidget(forms.SplitDateTimeWidget):
    """A date input and a time input, each with a label of its own, and "Hong Kong time"."""

    # Beside this app: the form renderer reads widget templates from apps, not templates/.
    template_name = "hkstp_portal/widgets/hong_kong_datetime.html"

    def __init__(self, attrs=None):
        super().__init__(
            attrs=attrs,
            date_format=ISO_DATE,
            time_format=ISO_TIME,
            date_attrs={"type": "date"},
            time_attrs={"type": "time"},
        )
        self.field_label = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["field_label"] = self.field_label
        return context


class HongKongDateTimeAdminMixin:
    """For a ModelAdmin or an inline whose form has dates or date-times."""

    formfield_overrides = {
        models.DateTimeField: {"widget": HongKongSplitDateTimeWidget},
        models.DateField: {"widget": HongKongDateInput},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, HongKongSplitDateTimeWidget):
            # The field's label cannot point at two inputs: each names its own part.
            field.widget.field_label = capfirst(db_field.verbose_name)
        return field
