"""The editor's completeness panel for the SEN Information Report."""

from wagtail.admin.panels import Panel


class CompletenessPanel(Panel):
    """Lists the items of the law that the report, as being edited, leaves out or skimps.

    It warns and never blocks: publishing with gaps is the school's decision.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_send/policies/panels/completeness.html"

        def get_context_data(self, parent_context=None):
            from .completeness import gaps

            context = super().get_context_data(parent_context)
            school = self.instance.school
            if school is None:
                # A report being created: its school is the index page it is added under.
                parent = getattr(self.form, "parent_page", None)
                school = getattr(getattr(parent, "specific", None), "school", None)
            context["gaps"] = gaps(self.instance, school=school)
            return context
