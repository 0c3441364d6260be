"""What the fillable PDF's fields are called, and the signed reference that ties a file to its prep.

A field's name carries what it holds and the version of the text it was made from, so an import knows the
text it replaces and whether that text changed online since: ``answer:<question key>:v<version>`` and
``person:<stakeholder id>:<field>:v<row version>``. Colons, not dots: in a PDF a dot separates the parts of a
field's hierarchical name (ISO 32000-1, 12.7.3.2), and a viewer may nest ``answer.who-attends`` as a field
``who-attends`` under a parent ``answer``.

The file's reference is one more field, named ``prepmeet:<token>``: a name survives every viewer's save
(metadata does not always), and a filler cannot edit it. The token is ``django.core.signing.Signer`` over
the prep's and its owner's ids, so a file from another prep or another account, or a forged one, is
recognised.
"""

import re
from dataclasses import dataclass

from django.core import signing

from preps.models import MeetingPrep

TOKEN_SALT = "prepmeet.documents.fillable"
REFERENCE_PREFIX = "prepmeet:"
PERSON_FIELDS = ("expertise", "what_matters", "concerns")
ANSWER_NAME = re.compile(r"^answer:(?P<key>[-a-zA-Z0-9_]{1,50}):v(?P<version>\d{1,9})$")
PERSON_NAME = re.compile(
    r"^person:(?P<id>\d{1,12}):(?P<field>" + "|".join(PERSON_FIELDS) + r"):v(?P<version>\d{1,9})$"
)


@dataclass(frozen=True)
class FieldName:
    """A parsed field name: an answer (``key``) or a person's note (``person_id`` and ``field``)."""

    kind: str  # "answer" or "person"
    version: int
    key: str = ""
    person_id: int = 0
    field: str = ""

    def __str__(self) -> str:
        if self.kind == "answer":
            return f"answer:{self.key}:v{self.version}"
        return f"person:{self.person_id}:{self.field}:v{self.version}"


def answer_field_name(key: str, version: int) -> str:
    return str(FieldName("answer", version, key=key))


def person_field_name(person_id: int, field: str, version: int) -> str:
    return str(FieldName("person", version, person_id=person_id, field=field))


def parse_field_name(name: str) -> FieldName | None:
    """The field a name stands for, or None for a name the fillable PDF never makes."""
    if match := ANSWER_NAME.match(name):
        return FieldName("answer", int(match["version"]), key=match["key"])
    if match := PERSON_NAME.match(name):
        return FieldName("person", int(match["version"]), person_id=int(match["id"]), field=match["field"])
    return None


def is_prepmeet_field(name: str) -> bool:
    """Whether the fillable PDF makes a field of this name (its reference, an answer, a person's note)."""
    return name.startswith(REFERENCE_PREFIX) or parse_field_name(name) is not None


def reference_field_name(prep: MeetingPrep) -> str:
    # No timestamp (Signer, not dumps): the same prep gives the same file, so an unchanged one is cached.
    token = signing.Signer(salt=TOKEN_SALT).sign_object({"prep": prep.pk, "owner": prep.owner_id})
    return REFERENCE_PREFIX + token


@dataclass(frozen=True)
class Reference:
    prep_id: int
    owner_id: int


def read_reference(name: str) -> Reference | None:
    """The prep and owner a reference field names, or None when it is not one signed by this site."""
    if not name.startswith(REFERENCE_PREFIX):
        return None
    try:
        data = signing.Signer(salt=TOKEN_SALT).unsign_object(name.removeprefix(REFERENCE_PREFIX))
        return Reference(prep_id=int(data["prep"]), owner_id=int(data["owner"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
