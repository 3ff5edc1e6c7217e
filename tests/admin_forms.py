"""Posting a back-office form as a browser would: read the page's form, change what the test changes, post it.

Importable from any test (pytest puts this folder on the path for its conftest)."""

from html.parser import HTMLParser


class _FormValues(HTMLParser):
    """What a browser would post from one form: its fields with their current values (no file, no button)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, False, {}
        self.select = self.select_first = self.textarea = None

    def _add(self, name, value):
        if name and "__prefix__" not in name:
            self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in {"submit", "button", "file", "checkbox", "radio"}:
            self._add(attrs.get("name"), attrs.get("value", ""))
        elif tag == "input" and kind in {"checkbox", "radio"} and "checked" in attrs:
            self._add(attrs.get("name"), attrs.get("value", "on"))
        elif tag == "select":
            self.select, self.select_first = attrs, None
            self.select["chosen"] = []
        elif tag == "option" and self.select is not None:
            if self.select_first is None:
                self.select_first = attrs.get("value", "")
            if "selected" in attrs:
                self.select["chosen"].append(attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = [attrs.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and "multiple" not in self.select and self.select_first is not None:
                chosen = [self.select_first]  # a browser sends a single select's first option
            for value in chosen:
                self._add(self.select.get("name"), value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self._add(name, text.removeprefix("\n"))
            self.textarea = None


def form_values(response, form_id: str) -> dict[str, list[str]]:
    """The values a browser would post from the form `form_id` of a page ("work_form", "call_form")."""
    assert response.status_code == 200
    parser = _FormValues(form_id)
    parser.feed(response.content.decode())
    return {**parser.values, "_save": ["Save"]}


def form_fields(response, form_id: str | None = None) -> dict:
    """The same as `form_values`, a single value as a plain string (easier to read and change); without a
    `form_id`, the page's first back-office form ("…_form")."""
    if form_id is None:
        import re

        found = re.search(r'<form\b[^>]*\bid="(\w+_form)"', response.content.decode())
        assert found, "no back-office form on the page"
        form_id = found.group(1)
    return {name: values[0] if len(values) == 1 else values for name, values in form_values(response, form_id).items()}
