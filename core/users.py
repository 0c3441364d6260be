"""How a user is named to other people: on pages, in documents and e-mails."""

import re
import unicodedata

from django.core.exceptions import ValidationError

# A name goes into e-mails sent in that person's name (invitations, digests): letters of any script and the
# marks that go with them, spaces, apostrophes, hyphens, periods and commas ("King, Jr."); nothing a mail
# program could show as a line break, a link or an address.
NAME_SIGNS = frozenset(" '’-.,")
# "evil.example", "St.John": a period between letters is how a mail program spots a domain to link.
DOMAIN_LIKE = re.compile(r"\w\.\w{2}")
NAME_MESSAGE = (
    "A name can hold letters, spaces, apostrophes (’), hyphens, periods and commas, nothing else: it goes "
    "into the e-mails sent in your name, so no line breaks, digits, links or other signs."
)


def display_name(user) -> str:
    """The full name, or the username for an account that gave none."""
    return user.get_full_name() or user.get_username()


def validate_person_name(value: str) -> None:
    """Refuse a first or last name that could carry a line break, a link or an address into an e-mail."""
    if any(unicodedata.category(char)[0] not in "LM" and char not in NAME_SIGNS for char in value):
        raise ValidationError(NAME_MESSAGE, code="name_signs")
    if DOMAIN_LIKE.search(value):
        raise ValidationError(
            "Put a space after a period in a name (“J. Smith”, not “J.Smith”): mail programs turn such "
            "text into links.",
            code="name_domain",
        )


def mail_name(user) -> str:
    """How an e-mail names ``user``: the full name when it passes ``validate_person_name``, else the
    account's address (a name saved before the rule, or by an admin, never reaches a mail)."""
    name = user.get_full_name()
    try:
        validate_person_name(name)
    except ValidationError:
        name = ""
    return name or user.email or "A prepmeet user"
