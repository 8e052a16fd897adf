"""Pagination for lists that can grow large."""

from functools import cached_property

from django.core.paginator import Paginator


class BegrensdePaginator(Paginator):
    """Counts at most `max_count` rows (then `begrensd` is True and the page says "meer dan").

    An exact count must visit every matching row; past a thousand, nobody pages through them,
    and the user refines the filter instead.
    """

    def __init__(self, object_list, per_page, max_count=1000, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_count = max_count
        self.begrensd = False

    @cached_property
    def count(self):
        # Without the ordering: a capped count is the same in any order, and the database may
        # then take the cheapest index instead of walking the sort order.
        n = self.object_list.order_by().values("pk")[: self.max_count + 1].count()
        self.begrensd = n > self.max_count
        return min(n, self.max_count)
