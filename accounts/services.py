"""Writes for accounts: the HKSTP staff groups and their permissions.

Email leaves through notifications.outbox."""

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

MODERATORS = "Moderators"
EVENT_ORGANISERS = "Event organisers"

# group -> {app_label: {model: actions}}
STAFF_GROUP_PERMISSIONS = {
    MODERATORS: {
        "companies": {
            "company": ["view", "change"],
            "companymember": ["view"],
            "companyinvitation": ["view"],
            "companynamechange": ["view", "change"],
        },
        "jobs": {"job": ["view", "change"]},
        "skills": {"skill": ["view", "add", "change"]},
    },
    # Fairs and internship programmes: events, sessions, exhibitors (approve, booths),
    # registrations (read-only: the services keep the waitlist fair), programme rounds.
    EVENT_ORGANISERS: {
        "events": {
            "event": ["view", "add", "change", "delete"],
            "eventsession": ["view", "add", "change", "delete"],
            "registration": ["view"],
            "exhibitor": ["view", "change"],
            "interviewslot": ["view"],
            "boothdrop": ["view"],
        },
        "programmes": {
            "programme": ["view", "add", "change"],
            "placement": ["view", "add", "change", "delete"],
            "programmeapplication": ["view", "change"],
        },
        "companies": {"company": ["view"]},
    },
}


def staff_groups_sync(*, using: str = "default") -> None:
    """Create the HKSTP staff groups and give them exactly their permissions.

    Idempotent; runs after every migrate, so a new model's permissions reach
    the groups without a hand-written data migration.
    """
    for app_config in django_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    for group_name, by_app in STAFF_GROUP_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in by_app.items()
            for model, actions in models.items()
            for action in actions
        ]
        permissions = [
            Permission.objects.using(using).get(
                content_type__app_label=app_label, codename=codename
            )
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)
