from django.utils import timezone

from events.models import Event


def event_list_upcoming(*, limit: int = 3):
    return list(Event.objects.upcoming(timezone.now())[:limit])
