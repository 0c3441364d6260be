"""The worksheet's admin-written text (Markdown already made safe HTML by worksheets.markdown) as Word.

That HTML holds a small allow-list of tags (p, br, strong/b, em/i, ul/ol/li, a, blockquote, code, span):
paragraphs become paragraphs, list items Word list paragraphs, links real hyperlinks, bold and italic runs.
"""

from html.parser import HTMLParser

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from core.text import printable_text


def add_hyperlink(paragraph, url: str, text: str) -> None:
    """A real Word hyperlink (w:hyperlink to an external relationship), blue and underlined."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    _append_link(paragraph, hyperlink, text)


def add_internal_link(paragraph, bookmark_name: str, text: str) -> None:
    """A link to a bookmark in this file (the PDF's in-document link), blue and underlined."""
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("w:anchor"), bookmark_name)
    _append_link(paragraph, hyperlink, text)


def _append_link(paragraph, hyperlink, text: str) -> None:
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1F4E79")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([colour, underline])
    element = OxmlElement("w:t")
    element.text = printable_text(text)
    element.set(qn("xml:space"), "preserve")
    run.extend([properties, element])
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


class _Writer(HTMLParser):
    def __init__(self, document, *, style: str | None):
        super().__init__(convert_charrefs=True)
        self.document, self.style = document, style
        self.paragraph = None
        self.lists: list[str] = []
        self.bold = self.italic = 0
        self.link: str | None = None
        self.link_text: list[str] = []

    def _paragraph(self):
        if self.paragraph is None:
            if self.lists:
                style = "List Number" if self.lists[-1] == "ol" else "List Bullet"
            else:
                style = self.style
            self.paragraph = self.document.add_paragraph(style=style)
        return self.paragraph

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "blockquote"):
            self.paragraph = None
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self.paragraph = None
        elif tag == "li":
            self.paragraph = None
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag == "a":
            self.link, self.link_text = dict(attrs).get("href") or "", []

    def handle_endtag(self, tag):
        if tag in ("p", "li", "blockquote"):
            self.paragraph = None if tag != "p" or not self.lists else self.paragraph
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.paragraph = None
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a" and self.link is not None:
            text = "".join(self.link_text)
            if self.link:
                add_hyperlink(self._paragraph(), self.link, text)
            else:
                self._run(text)
            self.link = None

    def _run(self, text: str):
        run = self._paragraph().add_run(printable_text(text))
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None

    def handle_data(self, data):
        if self.link is not None:
            self.link_text.append(data)
            return
        if self.paragraph is None and not data.strip():
            return
        self._run(data)


def add_html(document, html: str, *, style: str | None = None) -> None:
    writer = _Writer(document, style=style)
    writer.feed(str(html))
    writer.close()
