"""Stored email subjects as written: they used to be HTML-escaped when rendered
(hkstp_portal/plain_text.py), and an email still waiting to be sent would carry
"R&amp;D" in its subject. Every such subject went through Django's escape() exactly once,
so unescaping gives back the text; only an escaped subject can contain "&"."""

import html

from django.db import migrations

BATCH = 1000


def subjects_unescape(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects.filter(template="", subject__contains="&").only("subject")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.subject = html.unescape(row.subject)
        batch.append(row)
        if len(batch) == BATCH:
            Notification.objects.bulk_update(batch, ["subject"])
            batch = []
    Notification.objects.bulk_update(batch, ["subject"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(subjects_unescape, migrations.RunPython.noop)]
