"""Finishing touches to WeasyPrint 70's PDF/UA structure tree: a screen reader meets the document as written.

WeasyPrint tags the PDF page by page, from the boxes it laid out. That leaves faults for assistive
technology, which ``finish_structure`` (a WeasyPrint ``finisher``) repairs before the file is written:

1. An element split across pages becomes one structure element per page: question 1's section, its answer
   list, even a paragraph turn into two siblings of the same kind. Continuations are merged back into the
   element they continue, so a list read aloud is one list and a section is one section.
2. An element holding both text and a block child gets anonymous boxes, tagged like their element: a
   heading whose "Question 1" label is a block becomes an ``H2`` nested in an ``H2``. Such a child is
   dissolved into its parent.
3. The page footers (running title, "Page 1 of 6") are tagged content that hangs outside the tree. They are
   pagination, not content: they become ``/Artifact`` marked content, which screen readers skip.
4. Boxes that only draw borders (the ruled lines under an unanswered question) are empty structure elements;
   they are dropped.
5. WeasyPrint writes the document's language only. An element with its own ``lang`` (an answer in Arabic,
   say) gets it as ``/Lang``, so a screen reader reads it in that language.
6. Right-to-left text is drawn in visual order, so its marked content reads backwards to a tool that takes
   it in stream order. A block holding Arabic or Hebrew gets its text as typed, in logical order, as
   ``/ActualText`` (from its HTML element), which assistive technology reads instead of its content.
   (``text_order.py`` keeps the content itself readable by tools that reorder it.) A block in several
   languages has a ``Span`` per language (``templatetags/language_runs.py``): each gets its ``/Lang`` (5.)
   and a right-to-left one its own logical text, so the block's other languages are still announced.
7. A list item whose content is a block (a tip is a Markdown paragraph) gets ``LI`` > ``Lbl`` + ``P`` with
   no ``LBody``; PDF/UA wants the body in an ``LBody``, so it is wrapped in one.
8. Text in a script no shipped font has is drawn as a notice (``coverage.py``); the notice's ``Span`` gets
   the text as typed as ``/ActualText`` (once, on its first line if it spans two), and a block's logical
   text (6.) reads the typed text, not the notice.
9. A form field (the fillable PDF) is tagged ``Form``, but WeasyPrint also draws its value as text off the
   page and tags that as content, beside the ``Form``: a reader met each answer twice, some cut mid-word.
   Those copies become ``/Artifact`` marked content (``drop_field_value_copies``).
10. Tables (ISO 32000-1 14.8.4.3.4 and Table 322): each ``TH`` gets its ``/Scope`` (its HTML ``scope``,
    else Column); a table split over pages repeats its header row on each page, tagged as a second
    ``THead``: the repeats become pagination artifacts and the cells that named them name the first
    header row's cells instead (``drop_repeated_table_headers``); and as cells point to header cells by
    ``/ID``, the tree gets the ``/IDTree`` that resolves those IDs (``add_id_tree``).
11. A list inside a list item (the brief's expected questions under agenda item 4) is tagged as a sibling
    of the items, between items 4 and 5; it is moved into the item it belongs to (``nest_sub_lists``).

To know which structure elements came from the same HTML element, ``record_sources`` wraps WeasyPrint's tree
builder and notes each element's source while the tree is built.
"""

import unicodedata
from collections.abc import Iterator

import pydyf
from weasyprint.pdf import tags as weasyprint_tags

from ..templatetags.language_runs import RUN_CLASS
from .coverage import ORIGINAL_ATTRIBUTE, is_notice, original_text

_build_box_tree = weasyprint_tags._build_box_tree
# Blocks of text a reader takes as one piece: their logical text is given when they hold right-to-left text.
TEXT_BLOCKS = {"/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/LBody", "/TH", "/TD", "/Caption"}
RIGHT_TO_LEFT = {"R", "AL"}
FOOTER = {"Type": "/Pagination", "Subtype": "/Footer"}
REPEATED_HEADER = {"Type": "/Pagination", "Subtype": "/Header"}
SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


def _build_box_tree_noting_sources(box, parent, pdf, page_number, nums, annotations, tags) -> Iterator:
    sources = pdf.__dict__.setdefault("prepmeet_struct_sources", {})
    source = getattr(getattr(box, "_box", box), "element", None)  # an absolute placeholder wraps its box
    for element in _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        # The innermost call sees an element first; html, body and page boxes only pass their children on.
        if source is not None:
            sources.setdefault(id(element), source)
        yield element


def record_sources() -> None:
    """Install the wrapper (once): WeasyPrint's recursion then goes through it too."""
    if weasyprint_tags._build_box_tree is not _build_box_tree_noting_sources:
        weasyprint_tags._build_box_tree = _build_box_tree_noting_sources


class _Tree:
    def __init__(self, pdf: pydyf.PDF):
        self.pdf = pdf
        self.sources: dict[int, object] = pdf.__dict__.get("prepmeet_struct_sources", {})
        self.notices_given: set[int] = set()  # notice spans whose text is already in an /ActualText
        self.runs_given: set[int] = set()  # language runs likewise
        self.marked_content_properties: dict[bytes, dict[int, pydyf.Dictionary]] = {}
        # Structure elements taken out of the tree whose marked content becomes an artifact, by kind.
        self.artifact_properties: dict[int, dict] = {}

    def get(self, reference):
        return self.pdf.objects[int(reference.split()[0])]

    def is_element_reference(self, kid) -> bool:
        """A structure element, not a marked-content id or an object reference (a link's annotation)."""
        return isinstance(kid, bytes) and kid.endswith(b" R") and self.get(kid).get("Type") == "/StructElem"

    def source(self, element):
        return self.sources.get(id(element))

    def holds_content_directly(self, element) -> bool:
        """Links and figures hold marked content or annotations themselves: never moved or merged."""
        return any(not self.is_element_reference(kid) for kid in element["K"]) or element["S"] in (
            "/Link",
            "/Figure",
        )

    def adopt(self, parent, kids) -> None:
        for kid in kids:
            if self.is_element_reference(kid):
                self.get(kid)["P"] = parent.reference

    def dissolve_anonymous_children(self, element) -> bool:
        """A child of the same kind from the same HTML element is an anonymous box: keep only its kids."""
        kept, changed = [], False
        for kid in element["K"]:
            if self.is_element_reference(kid):
                child = self.get(kid)
                source = self.source(child)
                if (
                    source is not None
                    and source is self.source(element)
                    and child["S"] == element["S"]
                    and not self.holds_content_directly(child)
                ):
                    self.adopt(element, child["K"])
                    kept.extend(child["K"])
                    changed = True
                    continue
            kept.append(kid)
        element["K"] = pydyf.Array(kept)
        return changed

    def merge_page_continuations(self, element) -> None:
        """Siblings of one kind from the same HTML element, on different pages, are one element."""
        kept = []
        for kid in element["K"]:
            if kept and self.is_element_reference(kid) and self.is_element_reference(kept[-1]):
                previous, current = self.get(kept[-1]), self.get(kid)
                source = self.source(current)
                if (
                    source is not None
                    and source is self.source(previous)
                    and current["S"] == previous["S"]
                    and current.get("Pg") != previous.get("Pg")
                    and not self.holds_content_directly(current)
                    and not self.holds_content_directly(previous)
                ):
                    self.adopt(previous, current["K"])
                    previous["K"].extend(current["K"])
                    continue
            kept.append(kid)
        element["K"] = pydyf.Array(kept)

    def tidy(self, element, language: str | None = None) -> None:
        while self.dissolve_anonymous_children(element):
            pass
        source = self.source(element)
        own_language = source.get("lang") if source is not None else None
        if own_language and own_language != language:
            element["Lang"] = pydyf.String(own_language)
            language = own_language
        self.merge_page_continuations(element)
        self.nest_sub_lists(element)
        self.wrap_list_body(element)
        self.give_logical_text(element)
        self.give_original_text(element)
        for kid in element["K"]:
            if self.is_element_reference(kid):
                self.tidy(self.get(kid), language)
        # Boxes drawn only as borders or backgrounds (the ruled lines to write on) hold no content.
        element["K"] = pydyf.Array(
            kid for kid in element["K"] if not self.is_element_reference(kid) or self.get(kid)["K"]
        )

    def nest_sub_lists(self, element) -> None:
        """An ``L`` directly in an ``L`` (HTML has lists only in an ``li`` there) goes into the body of the
        item before it."""
        if element["S"] != "/L":
            return
        kept = []
        for kid in element["K"]:
            if kept and self.is_element_reference(kid) and self.get(kid)["S"] == "/L":
                item = self.get(kept[-1]) if self.is_element_reference(kept[-1]) else None
                if item is not None and item["S"] == "/LI":
                    bodies = [
                        k for k in item["K"] if self.is_element_reference(k) and self.get(k)["S"] == "/LBody"
                    ]
                    holder = self.get(bodies[-1]) if bodies else item
                    holder["K"].append(kid)
                    self.get(kid)["P"] = holder.reference
                    continue
            kept.append(kid)
        element["K"] = pydyf.Array(kept)

    def wrap_list_body(self, element) -> None:
        """``LI`` holds only ``Lbl`` and ``LBody``: anything else it holds goes into a new ``LBody``."""
        if element["S"] != "/LI":
            return
        loose = [
            kid
            for kid in element["K"]
            if not (self.is_element_reference(kid) and self.get(kid)["S"] in ("/Lbl", "/LBody"))
        ]
        if not loose:
            return
        body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "P": element.reference})
        body["K"] = pydyf.Array(loose)
        if "Pg" in element:
            body["Pg"] = element["Pg"]
        self.pdf.add_object(body)
        self.adopt(body, loose)
        kept = [kid for kid in element["K"] if kid not in loose]
        element["K"] = pydyf.Array([*kept, body.reference])

    def has_link(self, element) -> bool:
        return element["S"] == "/Link" or any(
            self.has_link(self.get(kid)) for kid in element["K"] if self.is_element_reference(kid)
        )

    def give_logical_text(self, element) -> None:
        """A text block holding right-to-left letters: its text as typed, unless a link inside it must stay
        reachable (``/ActualText`` replaces everything below it). A block in several languages holds each in
        a run of its own (``language_runs``): then each right-to-left run gets its text, so the others keep
        their own ``/Lang`` for a reader (a run broken over two lines: on its first piece)."""
        source = self.source(element)
        if source is None:
            return
        if element["S"] == "/Span" and source.get("class") == RUN_CLASS:
            first = id(source) not in self.runs_given
            self.runs_given.add(id(source))
            text = " ".join(original_text(source).replace("\u200b", "").split())
            if any(unicodedata.bidirectional(c) in RIGHT_TO_LEFT for c in text):
                element["ActualText"] = pydyf.String(text if first else "")
            return
        if element["S"] not in TEXT_BLOCKS or any(
            run.get("class") == RUN_CLASS for run in source.iter("span")
        ):
            return
        text = " ".join(original_text(source).replace("\u200b", "").split())
        if any(unicodedata.bidirectional(c) in RIGHT_TO_LEFT for c in text) and not self.has_link(element):
            element["ActualText"] = pydyf.String(text)

    def give_original_text(self, element) -> None:
        """A notice standing for text the fonts cannot draw: that text, for whoever reads the structure. A
        notice broken over two lines is two ``Span``s: the second stands for nothing more."""
        source = self.source(element)
        if element["S"] != "/Span" or source is None or not is_notice(source):
            return
        first = id(source) not in self.notices_given
        self.notices_given.add(id(source))
        typed = source.get(ORIGINAL_ATTRIBUTE).replace("\u200b", "")  # content.py's break opportunities
        element["ActualText"] = pydyf.String(typed if first else "")
        # And on the marked content itself, for tools that read the page rather than the tree (pdftotext,
        # copy-paste): the first piece is the typed text, any other piece nothing.
        for index, (page, mcid) in enumerate(self.marked_content(element)):
            self.set_marked_content_text(page, mcid, typed if first and index == 0 else "")

    def marked_content(self, element) -> Iterator[tuple[bytes, int]]:
        """(page reference, MCID) of each piece of marked content under ``element``, in order."""
        for kid in element["K"]:
            if isinstance(kid, int):
                yield element["Pg"], kid
            elif self.is_element_reference(kid):
                yield from self.marked_content(self.get(kid))

    def set_marked_content_text(self, page, mcid: int, text: str) -> None:
        if page not in self.marked_content_properties:  # each page's stream read once, not once per notice
            items = self.get(self.get(page)["Contents"]).stream
            self.marked_content_properties[page] = {
                item["MCID"]: item
                for item, following in zip(items, items[1:], strict=False)
                if isinstance(item, pydyf.Dictionary) and "MCID" in item and following == b"BDC"
            }
        properties = self.marked_content_properties[page].get(mcid)
        if properties is not None:
            properties["ActualText"] = pydyf.String(text)

    def reachable(self, element, found: set[int]) -> set[int]:
        found.add(id(element))
        for kid in element["K"]:
            if self.is_element_reference(kid):
                self.reachable(self.get(kid), found)
        return found

    def drop_field_value_copies(self, element) -> None:
        """Beside a ``Form`` (a form field's widget), the field's value drawn as text: out of the tree, its
        marked content made an artifact by ``footers_to_artifacts``."""
        kids = [self.get(kid) for kid in element["K"] if self.is_element_reference(kid)]
        if any(kid["S"] == "/Form" for kid in kids):
            for kid in kids:
                if kid["S"] != "/Form":
                    for copy in self.reachable(kid, set()):
                        self.artifact_properties[copy] = {"Type": "/Layout"}
            element["K"] = pydyf.Array(
                kid
                for kid in element["K"]
                if not self.is_element_reference(kid) or self.get(kid)["S"] == "/Form"
            )
            return
        for kid in kids:
            self.drop_field_value_copies(kid)

    def elements(self, element, tag: str) -> Iterator:
        """(reference, element) of each structure element of kind ``tag`` below ``element``, in order."""
        for kid in element["K"]:
            if self.is_element_reference(kid):
                child = self.get(kid)
                if child["S"] == tag:
                    yield kid, child
                yield from self.elements(child, tag)

    def give_scopes(self, document_element) -> None:
        for _, header in self.elements(document_element, "/TH"):
            source = self.source(header)
            scope = SCOPES.get(source.get("scope", "") if source is not None else "", "/Column")
            header.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope

    def drop_repeated_table_headers(self, document_element) -> None:
        for _, table in self.elements(document_element, "/Table"):
            heads = [
                kid for kid in table["K"] if self.is_element_reference(kid) and self.get(kid)["S"] == "/THead"
            ]
            if len(heads) < 2:
                continue
            first = [cell.get("ID") for _, cell in self.elements(self.get(heads[0]), "/TH")]
            renamed = {}
            for head in heads[1:]:
                repeat = [cell.get("ID") for _, cell in self.elements(self.get(head), "/TH")]
                renamed.update(
                    {old.string: new for old, new in zip(repeat, first, strict=False) if old and new}
                )
                for dropped in self.reachable(self.get(head), set()):
                    self.artifact_properties[dropped] = REPEATED_HEADER
            table["K"] = pydyf.Array(kid for kid in table["K"] if kid not in heads[1:])
            for _, cell in [*self.elements(table, "/TD"), *self.elements(table, "/TH")]:
                headers = cell.get("A", {}).get("Headers")
                if headers:
                    cell["A"]["Headers"] = pydyf.Array(renamed.get(name.string, name) for name in headers)

    def add_id_tree(self, root, document_element) -> None:
        """The IDTree (a name tree from ID to structure element) of every element with an ``/ID``."""
        ids = {element["ID"].string: reference for reference, element in self.with_ids(document_element)}
        if ids:
            names = [item for key in sorted(ids) for item in (pydyf.String(key), ids[key])]
            root["IDTree"] = pydyf.Dictionary({"Names": pydyf.Array(names)})

    def with_ids(self, element) -> Iterator:
        for kid in element["K"]:
            if self.is_element_reference(kid):
                child = self.get(kid)
                if "ID" in child:
                    yield kid, child
                yield from self.with_ids(child)

    def footers_to_artifacts(self, document_element) -> None:
        """Marked content whose structure element is outside the tree (page margins, a form field's value
        drawn again) becomes an artifact."""
        in_tree = self.reachable(document_element, set())
        parent_tree = self.get(self.get(self.pdf.catalog["StructTreeRoot"])["ParentTree"])
        numbers = parent_tree["Nums"]
        pages = self.pdf.page_references
        for position in range(0, len(numbers), 2):
            page_index, mcids = numbers[position], numbers[position + 1]
            if not isinstance(mcids, pydyf.Array) or page_index >= len(pages):
                continue  # an annotation's entry
            outside = {
                mcid: self.artifact_properties.get(id(self.get(reference)), FOOTER)
                for mcid, reference in enumerate(mcids)
                if self.is_element_reference(reference) and id(self.get(reference)) not in in_tree
            }
            if not outside:
                continue
            stream = self.get(self.get(pages[page_index])["Contents"])
            items = stream.stream
            for index, item in enumerate(items):
                if (
                    isinstance(item, pydyf.Dictionary)
                    and item.get("MCID") in outside
                    and index + 1 < len(items)
                    and items[index + 1] == b"BDC"
                ):
                    items[index - 1] = "/Artifact"
                    items[index] = pydyf.Dictionary(outside[item["MCID"]])
                    mcids[item["MCID"]] = b"null"


def finish_structure(document, pdf: pydyf.PDF) -> None:
    """WeasyPrint ``finisher``: repair the structure tree of a tagged PDF; leave an untagged one alone."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    tree = _Tree(pdf)
    root = tree.get(pdf.catalog["StructTreeRoot"])
    for reference in root["K"]:
        document_element = tree.get(reference)
        tree.drop_field_value_copies(document_element)
        tree.tidy(document_element)  # merges a table split over pages: its header rows are then siblings
        tree.drop_repeated_table_headers(document_element)
        tree.give_scopes(document_element)
        tree.footers_to_artifacts(document_element)
        tree.add_id_tree(root, document_element)
