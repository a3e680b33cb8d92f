"""The home page's panels (each module's `home_panels(user)` returns a list of them), and the rows of the
enterprise page's lists."""


def panel(title, value, text, url: str, link_text="", *, order: int) -> dict:
    """One panel: a figure (`value`), what it counts (`text`), where to see it (`url`, `link_text`), and its
    place among the others' (`order`, smallest first)."""
    return {"title": title, "value": value, "text": text, "url": url, "link_text": link_text, "order": order}


def pending_panel(records, statuses, title, text, url: str, link_text, *, order: int) -> list[dict]:
    """The panel of how many of the user's `records` wait in one of `statuses`; none when the user has no
    records at all."""
    count = records.filter(status__in=statuses).count()
    if not count and not records.exists():
        return []
    return [panel(title, count, text, url, link_text, order=order)]


def enterprise_rows(select, *order: str, **filters):
    """The rows of one list on the enterprise page (`rows(request, enterprise)`): the user's scoped
    `select(user)` of that enterprise, narrowed by `filters`, in `order`."""

    def rows(request, enterprise):
        return select(request.user).filter(enterprise=enterprise, **filters).order_by(*order)

    return rows
