"""How a user is named to other people: on pages, in documents and e-mails."""


def display_name(user) -> str:
    """The full name, or the username for an account that gave none."""
    return user.get_full_name() or user.get_username()
