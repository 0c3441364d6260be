"""Hostile PDFs for the import's guard (tests/security/test_hostile_uploads.py), each built here from
nothing but bytes, pikepdf or pypdf: what an attacker or a broken viewer could upload."""

import io
import zlib

import pikepdf
from pypdf import PdfReader, PdfWriter


def minimal_pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def _form_pdf(field: bytes) -> bytes:
    return minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            field,
        ]
    )


def deeply_nested_value(depth: int = 5_000) -> bytes:
    """A field whose value is an array inside an array ... ``depth`` times."""
    return _form_pdf(b"<< /FT /Tx /T (answer:who-attends:v1) /V " + b"[" * depth + b"]" * depth + b" >>")


def deeply_nested_fields(depth: int = 200) -> bytes:
    """A field tree ``depth`` levels deep: each field's only kid is another field."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    for level in range(depth):
        number = 4 + level
        kids = b" /Kids [%d 0 R]" % (number + 1) if level < depth - 1 else b" /V (deep)"
        objects.append(b"<< /FT /Tx /T (f%d)%s >>" % (level, kids))
    return minimal_pdf(objects)


def no_fields_pdf() -> bytes:
    return minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
    )


def compression_bomb(content: bytes, field_name: str, expanded_bytes: int = 150_000_000) -> bytes:
    """``content`` with ``field_name``'s value a Flate stream of a few hundred KB that expands to
    ``expanded_bytes`` (a text field's value may be a text stream, ISO 32000-1, 12.7.4.3)."""
    compressor = zlib.compressobj(9)
    block = b"\0" * 1_000_000
    packed = b"".join(compressor.compress(block) for _ in range(expanded_bytes // len(block)))
    packed += compressor.flush()
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            if str(field.get("/T", "")) == field_name:
                field.V = pikepdf.Stream(pdf, packed, Filter=pikepdf.Name.FlateDecode)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def encrypted(content: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged(content: bytes) -> bytes:
    """The file's header, then noise: no objects, no cross-reference table, no trailer."""
    return content[:16] + bytes(range(256)) * 40


def shared_stream_fields(reference: str, names: list[str], shared_chars: int = 200_000) -> bytes:
    """A form of a ``reference`` field and a field for each of ``names``, every value the same Flate stream
    of ``shared_chars`` characters (``SHARED_TEXT``): a few hundred KB at most, read as ``shared_chars``
    characters per field (issue 24 point 2)."""
    text = shared_text(shared_chars).encode()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed := zlib.compress(text, 9))
    objects = [
        b"",  # the catalog, written once the fields are numbered
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        stream + packed + b"\nendstream",
        b"<< /FT /Tx /T (%s) >>" % reference.encode(),
    ]
    objects += [b"<< /FT /Tx /T (%s) /V 4 0 R >>" % name.encode() for name in names]
    refs = b" ".join(b"%d 0 R" % number for number in range(5, len(objects) + 1))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + refs + b"] >> >>"
    return minimal_pdf(objects)


def shared_text(chars: int) -> str:
    return ("The chief feels left out. " * (chars // 26 + 1))[:chars]
