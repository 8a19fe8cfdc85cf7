"""Admin actions that ask staff for a reason on an intermediate page, then call a service."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hkstp_portal.errors import DomainError


class DecisionForm(forms.Form):
    """The reason staff give with a decision, on the action's intermediate page."""

    reason = forms.CharField(
        label=gettext_lazy("Reason given to the company"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


def decision_action(*, service, title, reason_required, description, ask=True, permission="change"):
    """Build an admin action: show a reason form for the selected rows, then apply `service`.

    `service(obj, by=user, reason=text)` is called for each row; a row the
    service refuses is reported by name and leaves the others unaffected.
    """

    @admin.action(description=description, permissions=[permission])
    def action(modeladmin, request, queryset):
        form = DecisionForm(request.POST if "apply" in request.POST else None)
        if reason_required:
            form.fields["reason"].required = True
        if not ask or ("apply" in request.POST and form.is_valid()):
            done, refused = 0, []
            for obj in queryset:
                try:
                    reason = form.cleaned_data["reason"] if ask else ""
                    service(obj, by=request.user, reason=reason)
                except (DomainError, ValidationError) as exc:
                    refused.append(f"{obj}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
                else:
                    done += 1
            if done:
                modeladmin.message_user(
                    request, _("%(title)s: %(n)d done.") % {"title": title, "n": done}
                )
            for line in refused:
                modeladmin.message_user(request, line, messages.ERROR)
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "objects": queryset,
            "form": form,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/decision.html", context)

    return action
