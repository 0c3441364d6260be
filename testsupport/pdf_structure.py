"""A tagged PDF's text as a screen reader gets it: the structure tree in tag order, each element's marked
content read from its page's content stream, /ActualText in place of what it stands for.

``pdftotext`` and pypdf read the page and repair spaces and line ends from the layout; a screen reader does
not. This reads what the file says and nothing more (pikepdf, i.e. qpdf, an independent PDF library):

- each page's content stream, parsed into marked-content sequences (``BDC``/``EMC`` with an MCID), their
  shown text decoded through the fonts' ToUnicode maps, and a marked sequence's /ActualText (on its
  properties or on a nested ``/Span``) standing for its text;
- the text drawn as /Artifact (page furniture a reader skips), per page;
- the structure tree from ``/StructTreeRoot``: per element its tag, text, attributes (``/A``: Scope,
  Headers...), ``/ID``, ``/Lang``, ``/ActualText`` and children, and the tree's ``/IDTree``.

An element's text joins its kids in order; a block-level kid (a paragraph, a list item, a cell) is set
apart by a line break, an inline one (Span, Link) is not: as a reader moving through the tags meets it.
"""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

INLINE = {
    "NonStruct",
    "Span",
    "Link",
    "Quote",
    "Note",
    "Reference",
    "BibEntry",
    "Code",
    "Annot",
    "Ruby",
    "Warichu",
    "Lbl",
}
BLOCK = "\x1e"  # between block-level elements
LIGATURES = re.compile("[\ufb00-\ufb06]")


@dataclass
class Element:
    tag: str
    raw: str = ""  # the text with block boundaries marked (BLOCK), as ``text`` tidies them
    attributes: dict = field(default_factory=dict)
    id: str | None = None
    lang: str | None = None
    actual_text: str | None = None
    children: list["Element"] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)  # the pages its own marked content is on

    def walk(self) -> Iterator["Element"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, tag: str) -> list["Element"]:
        return [element for element in self.walk() if element.tag == tag]

    @property
    def text(self) -> str:
        """What a reader gets: block boundaries a line break (one, none at the ends)."""
        text = re.sub(f"{BLOCK}+", BLOCK, self.raw).strip(BLOCK)
        return re.sub(f"\\s*{BLOCK}\\s*", "\n", text)

    @property
    def words(self) -> str:
        """The text with its whitespace collapsed (line breaks too)."""
        return " ".join(self.text.split())


@dataclass
class Structure:
    root: Element
    id_tree: dict[str, Element] | None
    artifacts: list[str]  # per page, the text drawn as artifacts
    page_width: list[float]

    def find_all(self, tag: str) -> list[Element]:
        return self.root.find_all(tag)

    @property
    def text(self) -> str:
        return self.root.text


# --- Fonts: bytes shown to text -----------------------------------------------------------------------------


def _hex_to_text(value: str) -> str:
    data = bytes.fromhex(value)
    return data.decode("utf-16-be", errors="replace")


class _Font:
    def __init__(self, font: pikepdf.Dictionary):
        self.code_length = 2 if font.get("/Subtype") == "/Type0" else 1
        self.map: dict[int, str] = {}
        to_unicode = font.get("/ToUnicode")
        if to_unicode is not None:
            self._read_cmap(to_unicode.read_bytes().decode("latin-1"))

    def _read_cmap(self, cmap: str) -> None:
        space = re.search(r"begincodespacerange\s*<([0-9a-fA-F]+)>", cmap)
        if space:
            self.code_length = len(space[1]) // 2
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
                self.map[int(code, 16)] = _hex_to_text(text)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for start, end, target in re.findall(
                r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])", block
            ):
                first, last = int(start, 16), int(end, 16)
                if target.startswith("["):
                    for offset, text in enumerate(re.findall(r"<([0-9a-fA-F]*)>", target)):
                        self.map[first + offset] = _hex_to_text(text)
                    continue
                base = bytes.fromhex(target[1:-1])
                for offset in range(last - first + 1):
                    value = int.from_bytes(base, "big") + offset
                    self.map[first + offset] = value.to_bytes(len(base), "big").decode(
                        "utf-16-be", errors="replace"
                    )

    def decode(self, data: bytes) -> str:
        n = self.code_length
        codes = [int.from_bytes(data[i : i + n], "big") for i in range(0, len(data) - n + 1, n)]
        return "".join(self.map.get(code, "\ufffd") for code in codes)


# --- Content streams: MCID to text --------------------------------------------------------------------------


def _pdf_text(value) -> str:
    return str(value) if value is not None else ""


def _read_page(page: pikepdf.Page) -> tuple[dict[int, str], str]:
    """``{mcid: text}`` of the page's marked content, and its artifacts' text."""
    fonts: dict[str, _Font] = {}
    font_resources = page.obj.get("/Resources", {}).get("/Font", {})
    current: _Font | None = None
    # Each open marked-content sequence: [kind, mcid, actual_text, collected text].
    stack: list[list] = []
    by_mcid: dict[int, str] = {}
    artifacts: list[str] = []

    def emit(text: str) -> None:
        if stack:
            stack[-1][3].append(text)

    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "Tf":
            name = str(operands[0])
            if name not in fonts and name in font_resources:
                fonts[name] = _Font(font_resources[name])
            current = fonts.get(name)
        elif op in ("Tj", "'", '"') and current is not None:
            emit(current.decode(bytes(operands[-1])))
        elif op == "TJ" and current is not None:
            emit(
                "".join(
                    current.decode(bytes(item)) for item in operands[0] if isinstance(item, pikepdf.String)
                )
            )
        elif op in ("BDC", "BMC"):
            properties = operands[1] if op == "BDC" and len(operands) > 1 else None
            if isinstance(properties, pikepdf.Name):  # named in the page's /Properties
                properties = page.obj.Resources.Properties[properties]
            mcid = int(properties["/MCID"]) if properties is not None and "/MCID" in properties else None
            actual = properties.get("/ActualText") if properties is not None else None
            stack.append([str(operands[0]), mcid, None if actual is None else str(actual), []])
        elif op == "EMC" and stack:
            kind, mcid, actual, pieces = stack.pop()
            text = actual if actual is not None else "".join(pieces)
            if kind == "/Artifact" or any(open_kind == "/Artifact" for open_kind, *_ in stack):
                artifacts.append(text)
                continue
            if mcid is not None:
                by_mcid[mcid] = by_mcid.get(mcid, "") + text
            emit(text)
    return by_mcid, "".join(artifacts)


# --- The structure tree -------------------------------------------------------------------------------------


def _attributes(element: pikepdf.Dictionary) -> dict:
    found = {}
    owners = element.get("/A")
    if owners is None:
        return found
    for owner in owners if isinstance(owners, pikepdf.Array) else [owners]:
        if isinstance(owner, pikepdf.Dictionary):
            for key, value in owner.items():
                found[key.lstrip("/")] = _python(value)
    return found


def _python(value):
    if isinstance(value, pikepdf.Name):
        return str(value).lstrip("/")
    if isinstance(value, pikepdf.String):
        return str(value)
    if isinstance(value, pikepdf.Array):
        return [_python(item) for item in value]
    return value


class _Reader:
    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.page_index = {page.objgen: index for index, page in enumerate(pdf.pages)}
        self.pages: dict[int, dict[int, str]] = {}
        self.artifacts: list[str] = []
        for page in pdf.pages:
            by_mcid, artifacts = _read_page(page)
            self.pages[len(self.pages)] = by_mcid
            self.artifacts.append(artifacts)
        self.by_objgen: dict[tuple[int, int], Element] = {}

    def marked_text(self, page, mcid: int) -> tuple[int, str]:
        index = self.page_index.get(page.objgen, -1) if page is not None else -1
        return index, self.pages.get(index, {}).get(mcid, "")

    def element(self, node: pikepdf.Dictionary) -> Element:
        tag = str(node.get("/S", "/NonStruct")).lstrip("/")
        element = Element(
            tag=tag,
            attributes=_attributes(node),
            id=_pdf_text(node.get("/ID")) or None,
            lang=_pdf_text(node.get("/Lang")) or None,
            actual_text=None if node.get("/ActualText") is None else str(node.get("/ActualText")),
        )
        self.by_objgen[node.objgen] = element
        page = node.get("/Pg")
        kids = node.get("/K")
        kids = [] if kids is None else (list(kids) if isinstance(kids, pikepdf.Array) else [kids])
        pieces: list[str] = []
        for kid in kids:
            if isinstance(kid, int):
                index, text = self.marked_text(page, kid)
                element.pages.add(index)
                pieces.append(text)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                index, text = self.marked_text(kid.get("/Pg", page), int(kid["/MCID"]))
                element.pages.add(index)
                pieces.append(text)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                continue  # an annotation (a link's): no text of its own
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                child = self.element(kid)
                element.children.append(child)
                pieces.append(child.raw if child.tag in INLINE else f"{BLOCK}{child.raw}{BLOCK}")
        element.raw = element.actual_text if element.actual_text is not None else "".join(pieces)
        return element


def read_structure(content: bytes) -> Structure:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        reader = _Reader(pdf)
        tree_root = pdf.Root.StructTreeRoot
        kids = tree_root.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        root = Element(tag="StructTreeRoot")
        for kid in kids:
            root.children.append(reader.element(kid))
        root.raw = BLOCK.join(child.raw for child in root.children)
        id_tree = None
        if "/IDTree" in tree_root:
            id_tree = {
                str(key): reader.by_objgen.get(value.objgen)
                for key, value in pikepdf.NameTree(tree_root.IDTree).items()
            }
        widths = [float(page.mediabox[2]) - float(page.mediabox[0]) for page in pdf.pages]
        return Structure(root=root, id_tree=id_tree, artifacts=reader.artifacts, page_width=widths)
