"""Admin actions that ask staff for a reason on an intermediate page, then call a service;
and the same decisions as buttons on an object's own change page."""

import dataclasses
from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

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


# --- Decisions on an object's own change page -----------------------------------------------


@dataclasses.dataclass(frozen=True)
class Decision:
    """A button on an object's change page that calls a service, by POST.

    `service(obj, by=user, reason=text)` does the work and its checks; `offered(obj)`
    says whether the button shows for the object's current state (the service still
    refuses a stale one). With `asks_reason`, the button opens a page that asks for the
    reason the company is given, and posts it from there.
    """

    name: str
    label: str
    service: Callable
    offered: Callable
    done: str
    asks_reason: bool = False


class DecisionButtonsMixin:
    """ModelAdmin mixin: the `decisions` as buttons at the top of the change page, for
    staff who may change the object, each posting to `<pk>/decide/<name>/`."""

    decisions: tuple[Decision, ...] = ()
    change_form_template = "admin/decision_change_form.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/decide/<slug:decision>/",
                self.admin_site.admin_view(
                    require_http_methods(["GET", "POST"])(self.decision_view)
                ),
                name=f"{opts.app_label}_{opts.model_name}_decide",
            ),
            *super().get_urls(),
        ]

    def _decision_url(self, obj, decision: Decision) -> str:
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_decide",
            args=[quote(obj.pk), decision.name],
            current_app=self.admin_site.name,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            context["decisions"] = [
                (decision, self._decision_url(obj, decision))
                for decision in self.decisions
                if decision.offered(obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def decision_view(self, request, object_id, decision):
        """GET: what the decision does, and the reason field if it asks one (no change).
        POST: call the service, say what happened, and go back to the change page."""
        chosen = next((d for d in self.decisions if d.name == decision), None)
        obj = self.get_object(request, unquote(object_id))
        if chosen is None or obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        opts = self.model._meta
        change_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )
        form = DecisionForm(request.POST if request.method == "POST" else None)
        if chosen.asks_reason:
            form.fields["reason"].required = True
        else:
            del form.fields["reason"]
        if request.method == "POST" and form.is_valid():
            reason = form.cleaned_data.get("reason", "")
            try:
                chosen.service(obj, by=request.user, reason=reason)
            except (DomainError, ValidationError) as exc:
                self.message_user(
                    request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR
                )
            else:
                note = f"{chosen.label}: {reason}" if reason else str(chosen.label)
                self.log_change(request, obj, note)
                self.message_user(request, chosen.done, messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": chosen.label,
            "decision": chosen,
            "object": obj,
            "form": form,
            "opts": opts,
            "change_url": change_url,
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, "admin/decision_object.html", context, status=status)
