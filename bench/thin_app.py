"""The issue's yardstick for the earn path: the thinnest FastAPI endpoint that does the
one-statement write (bench/ledger.py's LEANEST) through asyncpg. No auth, no idempotency,
no checks; a prepared statement on a pooled connection. bench/ledger.py phase 4 serves it
with uvicorn (uvloop, httptools) on the same machine, in the same run, so the service's
throughput can be read against it rather than against a figure from another day.

Configured by environment (set by bench/ledger.py): THIN_DATABASE_URL, THIN_POOL_MAX,
THIN_ORG_ACCOUNT, THIN_PROGRAMME, THIN_ORGANISATION, THIN_API_KEY."""

import json
import os
import secrets
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Response
from pydantic import BaseModel

from app import db as dbmod

# The conditional debit, the credit and the transfer in one statement (phases 3 and 4).
LEANEST = """
WITH debit AS (
    UPDATE accounts SET balance = balance - $3
     WHERE id = $1 AND balance >= $3
    RETURNING balance
), credit AS (
    UPDATE accounts SET balance = balance + $3
     WHERE id = $2 AND EXISTS (SELECT FROM debit)
    RETURNING balance
), moved AS (
    INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount,
                           programme_id, organisation_id, api_key_id, metadata)
    SELECT $4, 'earn', $1, $2, $3, $5, $6, $7, $8 FROM credit
    RETURNING created_at
)
SELECT moved.created_at, debit.balance AS debit_balance, credit.balance AS credit_balance
  FROM moved, debit, credit
"""


class Earn(BaseModel):
    member_id: str
    hours: int


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool(
        os.environ["THIN_DATABASE_URL"],
        min_size=2,
        max_size=int(os.environ["THIN_POOL_MAX"]),
        init=dbmod._init_connection,  # the service's own jsonb codec
    )
    app.state.pool = pool
    app.state.accounts = dict(await pool.fetch("SELECT id, account_id FROM members"))
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/readyz")
async def ready() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/v1/earnings", status_code=201)
async def earn(body: Earn) -> Response:
    async with app.state.pool.acquire() as conn:
        row = await conn.fetchrow(
            LEANEST,
            int(os.environ["THIN_ORG_ACCOUNT"]),
            app.state.accounts[body.member_id],
            body.hours * 100,
            "txn_" + secrets.token_hex(8),
            os.environ["THIN_PROGRAMME"],
            os.environ["THIN_ORGANISATION"],
            os.environ["THIN_API_KEY"],
            {"hours": f"{body.hours}.00"},
        )
    payload = {"created_at": row["created_at"].isoformat(), "balance": row["credit_balance"]}
    return Response(json.dumps(payload), status_code=201, media_type="application/json")
