"""The home page's panels: each module's `home_panels(user)` returns a list of them."""


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
