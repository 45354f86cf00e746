"""An earning's response is built by PostgreSQL (ledger.EARN_BY_ID / EARN_BY_CARD, one
statement on the hot path); every other transfer response by the pydantic models. The two
must agree on every key, value and type, or clients would see two shapes of one thing."""

from datetime import UTC, datetime

import asyncpg
import pytest
from pydantic import TypeAdapter

from app.models.ledger import TransferRead
from app.models.money import from_hundredths
from app.services import sqljson
from tests.ledger.support import earn
from tests.network import Network


@pytest.mark.parametrize("by", ["member_id", "card_number"])
async def test_an_earning_answers_exactly_what_reading_the_transfer_gives(
    net: Network, by: str
) -> None:
    asha = await net.member()
    await earn(net, asha["id"], 2)
    ref = {"member_id": asha["id"]} if by == "member_id" else {"card_number": asha["card_number"]}
    r = await net.client.post(
        "/v1/earnings",
        headers={**net.partner.headers, "Idempotency-Key": f"same-{by}"},
        json={
            **ref,
            "hours": "1.5",
            "activity": 'Café shift — Tottenham "Cuppas"',
            "given_on": "2026-11-20",
            "note": "Ünïcode and a line\nbreak",
        },
    )
    assert r.status_code == 201, r.text
    made = r.json()

    assert made["member_balance"] == "3.50"
    assert made["credits"] == "1.50"
    assert made["metadata"] == {
        "hours": "1.50",
        "activity": 'Café shift — Tottenham "Cuppas"',
        "given_on": "2026-11-20",
        "note": "Ünïcode and a line\nbreak",
    }
    # Exactly what the model would have written (types, formats, no extra or missing key).
    model = TransferRead.model_validate(made)
    assert model.model_dump(mode="json", by_alias=True) == made
    assert list(made) == list(model.model_dump(by_alias=True))

    read = (
        await net.client.get(f"/v1/transactions/{made['id']}", headers=net.partner.headers)
    ).json()
    assert read.pop("member_balance") is None
    assert {k: v for k, v in made.items() if k != "member_balance"} == read
    assert {k: type(v) for k, v in made.items() if k != "member_balance"} == {
        k: type(v) for k, v in read.items()
    }


@pytest.mark.parametrize(
    "at",
    [
        datetime(2026, 11, 23, 9, 0, 0, tzinfo=UTC),  # a whole second: no fraction
        datetime(2026, 11, 23, 9, 0, 0, 120000, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    ],
)
async def test_sql_timestamps_are_written_as_pydantic_writes_them(
    pool: asyncpg.Pool, at: datetime
) -> None:
    expected = TypeAdapter(datetime).dump_python(at, mode="json")
    assert await pool.fetchval(f"SELECT {sqljson.timestamp('$1::timestamptz')}", at) == expected


@pytest.mark.parametrize("hundredths", [1, 10, 99, 100, 150, 123456, 100_000_000 * 100, 0, -250])
async def test_sql_credits_are_written_as_the_models_write_them(
    pool: asyncpg.Pool, hundredths: int
) -> None:
    sql = await pool.fetchval(f"SELECT {sqljson.credits('$1::bigint')}", hundredths)
    assert sql == from_hundredths(hundredths)
