"""Read the POST forms of a rendered page the way a browser would submit them (for tests that post a page's
own form back with one field changed or left out)."""

from dataclasses import dataclass
from html.parser import HTMLParser

_NOT_SENT = ("submit", "button", "file", "reset", "image")


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = []
                self.forms.append((a.get("action") or "", self._form))
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if not name or kind in _NOT_SENT or "disabled" in a:
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form.append((name, a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select":
            self._select = {
                "name": name,
                "skip": not name or "disabled" in a,
                "multiple": "multiple" in a,
                "options": [],
            }
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"name": name, "skip": not name or "disabled" in a, "text": ""}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            if select["skip"] or self._form is None:
                return
            options = [
                (o["value"] if o["value"] is not None else o["text"].strip(), o) for o in select["options"]
            ]
            chosen = [value for value, o in options if o["selected"]]
            if not chosen and not select["multiple"] and options:
                chosen = [options[0][0]]  # a browser submits the first option of a single select
            self._form.extend((select["name"], value) for value in chosen)
        elif tag == "textarea" and self._textarea is not None:
            area, self._textarea = self._textarea, None
            if not area["skip"] and self._form is not None:
                text = area["text"]
                self._form.append((area["name"], text[1:] if text.startswith("\n") else text))


@dataclass
class PostForm:
    action: str  # as written in the page; "" posts back to the page itself
    data: dict[str, list[str]]  # field name → the values a browser sends


def post_forms(html: str) -> list[PostForm]:
    """Each POST form of the page, with the data a browser sends when it is submitted unchanged."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    forms = []
    for action, fields in reader.forms:
        data: dict[str, list[str]] = {}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        forms.append(PostForm(action, data))
    return forms
