"""talent's data migrations, run forwards on rows made before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories

BEFORE_TOKENS = [("talent", "0003_cv_reading")]


@pytest.mark.django_db(transaction=True)
def test_cvs_uploaded_before_the_tokens_each_get_their_own():
    """A column added with a callable default gives every existing row the same value:
    0004 must give each existing CV a different token, or their addresses would collide."""
    owner = factories.CandidateFactory()
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE_TOKENS)
        old_cv = executor.loader.project_state(BEFORE_TOKENS).apps.get_model("talent", "CV")
        for n in range(3):
            old_cv.objects.create(
                owner_id=owner.pk, file=f"cvs/old{n}", original_name="CV.pdf", kind="pdf", size=9
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    from talent.models import CV

    tokens = list(CV.objects.filter(owner=owner).values_list("token", flat=True))
    assert len(tokens) == 3
    assert None not in tokens
    assert len(set(tokens)) == 3
