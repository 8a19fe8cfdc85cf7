"""CVs get a random token for their download address, so no CV is found by counting ids.

Three steps, because a column added with `default=uuid.uuid4` would give every existing
row the same value: add it empty, give each row its own (PostgreSQL's gen_random_uuid,
built in since PostgreSQL 13), then make it required and unique.
"""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0003_cv_reading"),
    ]

    operations = [
        migrations.AddField(
            model_name="cv",
            name="token",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunSQL(
            "UPDATE talent_cv SET token = gen_random_uuid() WHERE token IS NULL",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="cv",
            name="token",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
