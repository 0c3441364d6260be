"""Where an app adds its part to the work of an app below it, so imports run one way (docs/architecture.md).

accounts may not import the apps that hold an account's data, nor preps the apps that build on a meeting
prep. Those apps register their part here from their ``AppConfig.ready()``, and the lower app asks for every
part by the point's name. Deletion needs no point: every row hangs off the user or the prep by a CASCADE
foreign key, and an app that must forget more (a cache, a session) does it in its own
``pre_delete``/``post_delete`` receiver.
"""

from collections.abc import Callable
from typing import Any

Part = Callable[..., Any]


class Point:
    """Named parts, called with the same keyword arguments in the order they were registered (the order of
    INSTALLED_APPS, since each app registers in its ``ready()``)."""

    def __init__(self, purpose: str) -> None:
        self.purpose = purpose
        self._parts: dict[str, Part] = {}

    def register(self, name: str, part: Part) -> None:
        """Add ``part`` under ``name``; the same name again replaces it (ready() twice adds nothing)."""
        self._parts[name] = part

    def collect(self, **kwargs) -> dict[str, Any]:
        """Each part's answer under its name."""
        return {name: part(**kwargs) for name, part in self._parts.items()}

    def merged(self, **kwargs) -> dict[str, Any]:
        """The parts' answers (dicts) as one dict: template context, say."""
        merged: dict[str, Any] = {}
        for part in self._parts.values():
            merged.update(part(**kwargs))
        return merged


account_summary = Point("the account page's context: part(user) -> dict")
account_export = Point("the account export's top-level sections: part(user) -> JSON-ready data")
prep_export = Point("each exported meeting prep's sections: part(preps) -> {prep pk: JSON-ready data}")
dashboard_page = Point("the dashboard's context: part(request, preps) -> dict, preps the page's own")
prep_page = Point("the fill and read pages' context: part(request, access) -> dict")
brief_page = Point("the brief's page context: part(request, prep) -> dict")
person_page = Point(
    "a work group person's page context: part(request, page) -> dict, page a preps PersonPage"
)
