"""Parse pages the way a reader's browser would, to assert on elements rather than substrings."""

from html.parser import HTMLParser


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Element | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.content: list[Element | str] = []  # text and elements in document order

    @property
    def text(self) -> str:
        parts = [part if isinstance(part, str) else part.text for part in self.content]
        return " ".join(" ".join(parts).split())

    def iter(self):
        for child in self.children:
            yield child
            yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Element"]:
        matches = []
        for element in self.iter():
            if tag and element.tag != tag:
                continue
            wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
            if all(
                value in element.attrs.get(key, "").split()
                if key == "class"
                else element.attrs.get(key) == value
                for key, value in wanted.items()
            ):
                matches.append(element)
        return matches

    def find(self, tag: str | None = None, **attrs) -> "Element":
        matches = self.find_all(tag, **attrs)
        assert matches, f"no <{tag} {attrs}> in the page"
        return matches[0]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        self.current.content.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.content.append(data)


def parse_html(response_or_text) -> Element:
    text = response_or_text if isinstance(response_or_text, str) else response_or_text.content.decode()
    builder = _Builder()
    builder.feed(text)
    return builder.root


def meta(page: Element, name: str) -> str:
    """The content of <meta name=...> or <meta property=...>."""
    for element in page.find_all("meta"):
        if name in (element.attrs.get("name"), element.attrs.get("property")):
            return element.attrs.get("content", "")
    raise AssertionError(f"no <meta {name}>")
