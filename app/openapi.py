"""The committed OpenAPI document (openapi/openapi.json) is rendered here."""

import json

from app.settings import Settings


def render() -> str:
    from app.main import create_app

    app = create_app(Settings(database_url=None, env="development"))
    return json.dumps(app.openapi(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
