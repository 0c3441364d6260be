"""Filling the fillable PDF outside the browser, as a director's PDF viewer would: with pypdf, and with
pikepdf (qpdf), an independent implementation, so the import is not tested only against one library."""

import io

import pikepdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject


def field_names(content: bytes) -> list[str]:
    return list(PdfReader(io.BytesIO(content)).get_fields() or {})


def field_named(content: bytes, prefix: str) -> str:
    """The one field whose name starts with ``prefix`` (e.g. ``answer:who-attends:``)."""
    (name,) = [name for name in field_names(content) if name.startswith(prefix)]
    return name


def fill_with_pypdf(content: bytes, values: dict[str, str]) -> bytes:
    """``values`` (field name -> text) written into the fields' /V with pypdf, saved as a new file."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            field = annotation.get_object()
            name = field.get("/T")
            if name in values:
                field[NameObject("/V")] = TextStringObject(values[name])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fill_with_pikepdf(content: bytes, values: dict[str, str]) -> bytes:
    """The same with pikepdf (qpdf): through the AcroForm's field list, saved with object streams."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            name = str(field.get("/T", ""))
            if name in values:
                field.V = pikepdf.String(values[name])
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def rename_field(content: bytes, old: str, new: str) -> bytes:
    """``content`` with the field named ``old`` renamed ``new`` (pikepdf)."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            if str(field.get("/T", "")) == old:
                field.T = pikepdf.String(new)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
