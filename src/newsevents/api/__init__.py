"""The JSON API and the web page over one corpus store: ``newsevents serve``.

    app = create_app(open_store("newsevents.db"))
    uvicorn.run(app, host="127.0.0.1", port=8000)

Routes only parse requests and call the store's query functions (store/queries.py), the
same ones ``newsevents query`` calls, so a filter means the same thing in both.
"""

from newsevents.api.app import create_app
from newsevents.api.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
