"""The HTTP API and the web app over a newsgraph store (`newsgraph serve`; docs/web.md).

Needs the `serve` extra: `pip install 'newsgraph[serve]'`.
"""

from .app import create_app
from .security import ServeSettings

__all__ = ["ServeSettings", "create_app"]
