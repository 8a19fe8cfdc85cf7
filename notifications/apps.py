from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # The email provider's bounce and complaint webhooks (django-anymail) reach the
        # suppression list through anymail's tracking signal: the one way anymail hands
        # them over. The receiver only calls the service.
        from anymail.signals import tracking

        from notifications.suppression import tracking_event_received

        tracking.connect(tracking_event_received, dispatch_uid="notifications.suppression")
