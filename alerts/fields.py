from django.db import models


class TsQueryField(models.Field):
    """A PostgreSQL `tsquery`: the keyword of a saved search, parsed once when it is saved.

    Written with a SearchQuery expression (the one the public search builds), read
    back as its text, e.g. "'python' & 'engin'".
    """

    description = "PostgreSQL text-search query"

    def db_type(self, connection):
        return "tsquery"
