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
            context["gaps"] = gaps(self.instance, school=_school(self))
            return context


class StrategyChecksPanel(Panel):
    """Lists what the inclusion strategy, as being edited, still lacks. It never blocks."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_send/policies/panels/strategy_checks.html"

        def get_context_data(self, parent_context=None):
            from .strategy_checks import problems

            context = super().get_context_data(parent_context)
            context["problems"] = problems(self.instance, school=_school(self))
            return context


def _school(bound_panel):
    """The school of the page being edited: a page being created has its index's."""
    school = bound_panel.instance.school
    if school is None:
        parent = getattr(bound_panel.form, "parent_page", None)
        school = getattr(getattr(parent, "specific", None), "school", None)
    return school
