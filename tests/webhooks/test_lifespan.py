"""The dispatcher the service runs in its lifespan delivers on its own and stops cleanly."""

import asyncio

from app.main import create_app
from app.settings import Settings
from tests.conftest import PEPPER
from tests.network import Network
from tests.webhooks.conftest import Receiver
from tests.webhooks.support import deliveries, endpoint


async def test_the_service_delivers_in_the_background(
    net: Network, receiver: Receiver, settings: Settings, private_env: object
) -> None:
    hook = await endpoint(net, receiver.url, ["earning.created"])
    service = create_app(
        Settings(
            database_url=settings.database_url,
            env="development",
            key_pepper=PEPPER,
            webhooks_allow_private=True,
        )
    )
    async with service.router.lifespan_context(service):
        member = await net.member()
        assert (await net.earn(member["id"], 1)).status_code == 201
        for _ in range(200):
            logged = await deliveries(net, hook["id"])
            if logged and logged[0]["status"] == "succeeded":
                break
            await asyncio.sleep(0.05)
    # Stopped now; nothing more arrives.
    assert len(receiver.received) == 1
    assert [d["status"] for d in await deliveries(net, hook["id"])] == ["succeeded"]


def test_the_dispatcher_can_be_turned_off() -> None:
    assert Settings(database_url=None, webhooks_dispatch=False).webhooks_dispatch is False
    assert Settings(database_url=None).webhooks_dispatch is True
    assert Settings(database_url=None).webhooks_allow_private is False
