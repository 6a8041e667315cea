"""URL converters: `<id:...>` matches only ids the database can hold (see domain.ids)."""

from werkzeug.routing import IntegerConverter

from caseflow.domain.ids import MAX_ID


class IdConverter(IntegerConverter):
    def __init__(self, map, **kwargs):
        super().__init__(map, min=1, max=MAX_ID, **kwargs)
