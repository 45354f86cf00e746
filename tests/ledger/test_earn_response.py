"""An earning's response is built by PostgreSQL (ledger.EARN_BY_ID / EARN_BY_CARD, one
statement on the hot path); every other transfer response by the pydantic models. The two
must agree on every key, value and type, or clients would see two shapes of one thing."""

import asyncio
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import asyncpg
import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from app.models.ledger import EarningCreate, TransferRead
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


# Any earning: the body PostgreSQL builds is what the model would write, key for key and in
# the same order, and its event carries the same with member_balance null.

TRICKY = st.sampled_from(
    [
        '"',
        "\\",
        '\\"',
        "\n",
        "\r\n",
        "\t",
        "'",
        "''",
        "\u2028",
        "\x7f",
        "\x01",
        "😀",
        "𝄞",
        "é",
        "e\u0301",
        "\ufeff",
        "}",
        '{"a": 1}',
        "\\u0000",
        "%s",
        "$1",
    ]
)
_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")


def _texts(most: int) -> st.SearchStrategy[str]:
    pieces = st.lists(st.one_of(TRICKY, st.text(_CHARS, min_size=1, max_size=12)), min_size=1)
    return (
        pieces.map("".join)
        .map(lambda s: s[:most])
        .filter(lambda s: s.strip() != "")  # what the API accepts: blank text is a 422
    )


HOURS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1_000_000), places=2)
PROPERTY_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _pairs(raw: bytes | str) -> Any:
    """JSON parsed keeping every object's key order (as lists of pairs)."""
    return json.loads(raw, object_pairs_hook=list)


def _nulled_balance(pairs: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(k, None if k == "member_balance" else v) for k, v in pairs]


@pytest.mark.slow  # a property test: 25 earnings, each checked three ways
async def test_any_earnings_sql_built_body_is_what_the_model_writes_and_its_event_carries_it(
    net: Network, app: FastAPI, pool: asyncpg.Pool
) -> None:
    await net.allocate(net.partner, 100_000_000)  # room for 25 earnings of a million hours
    asha = await net.member(display_name="Asha")
    loop = asyncio.get_running_loop()
    today = app.state.env.clock.today()
    started = date(2015, 1, 1)  # the network's programme, open-ended

    def run(coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    @PROPERTY_SETTINGS
    @example(  # trimmed as pydantic trims (Unicode White_Space: not \x1f), nothing more
        hours=Decimal("1000000"),
        as_string=False,
        activity=' \t"Cuppas" \\ 😀\n',
        note='"\x1f',
        given_on=started,
        by="card digits",
    )
    @given(
        hours=HOURS,
        as_string=st.booleans(),
        activity=st.none() | _texts(200),
        note=st.none() | _texts(500),
        given_on=st.none() | st.dates(min_value=started, max_value=today),
        by=st.sampled_from(["member_id", "card_number", "card digits"]),
    )
    def check(
        hours: Decimal,
        as_string: bool,
        activity: str | None,
        note: str | None,
        given_on: date | None,
        by: str,
    ) -> None:
        ref = {
            "member_id": {"member_id": asha["id"]},
            "card_number": {"card_number": asha["card_number"]},
            "card digits": {"card_number": asha["card_number"].replace(" ", "")},
        }[by]
        body: dict[str, Any] = {**ref, "hours": str(hours) if as_string else float(hours)}
        optional = {"activity": activity, "note": note, "given_on": given_on}
        body |= {k: str(v) for k, v in optional.items() if v is not None}
        r = run(net.client.post("/v1/earnings", headers=net.partner.headers, json=body))
        assert r.status_code == 201, r.text
        made = r.content

        # What the model writes of the same transfer: the same keys, order and values.
        remade = TransferRead.model_validate_json(made).model_dump_json(by_alias=True)
        assert _pairs(made) == _pairs(remade)
        transfer = json.loads(made)
        assert transfer["credits"] == f"{hours:.2f}"
        sent = EarningCreate.model_validate(body)  # the texts as the API trims them
        expected_metadata = {
            "hours": f"{hours:.2f}",
            "activity": sent.activity,
            "given_on": (given_on or today).isoformat(),
            "note": sent.note,
        }
        assert transfer["metadata"] == {k: v for k, v in expected_metadata.items() if v is not None}

        # Its event: the same body, member_balance null, as recorded and as served.
        data = run(
            pool.fetchval("SELECT data::text FROM events WHERE resource_id = $1", transfer["id"])
        )
        assert _pairs(data) == _nulled_balance(_pairs(made))
        read = run(
            net.client.get(f"/v1/transactions/{transfer['id']}", headers=net.partner.headers)
        )
        assert _pairs(read.content) == _nulled_balance(_pairs(made))

    # Hypothesis runs synchronously: off the event loop, which keeps serving the requests.
    await asyncio.to_thread(check)
