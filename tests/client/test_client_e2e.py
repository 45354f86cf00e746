"""The generated client (clients/python) against the service on a real socket, as an
integrator would use it: register a member, credit hours with an Idempotency-Key and retry
it, walk the transactions page by page, and read the problems the service answers."""

from decimal import Decimal
from http import HTTPStatus

from timecredits_client import AuthenticatedClient, models
from timecredits_client.api.ledger import create_earning, list_transactions
from timecredits_client.api.members import get_member, register_member
from timecredits_client.models import (
    EarningCreate,
    MemberCreate,
    MemberRead,
    PageTransferRead,
    Problem,
    TransferRead,
    TransferReadKind,
)
from timecredits_client.types import UNSET

from tests.network import Network


def _client(base_url: str, key: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, token=key, raise_on_unexpected_status=True)


async def _register(client: AuthenticatedClient, net: Network, name: str) -> MemberRead:
    member = await register_member.asyncio(
        client=client,
        body=MemberCreate(display_name=name, programme_id=net.programme_id),
        idempotency_key=f"register-{name}",
    )
    assert isinstance(member, MemberRead), member
    return member


async def test_register_earn_and_retry_with_the_same_idempotency_key(
    base_url: str, net: Network
) -> None:
    async with _client(base_url, net.partner.key) as client:
        member = await _register(client, net, "Ada")
        assert member.id.startswith("mem_") and member.balance == "0.00"

        body = EarningCreate(member_id=member.id, hours="1.50", activity="Gardening")
        first = await create_earning.asyncio_detailed(
            client=client, body=body, idempotency_key="till-7-receipt-1042"
        )
        again = await create_earning.asyncio_detailed(
            client=client, body=body, idempotency_key="till-7-receipt-1042"
        )

        assert first.status_code == HTTPStatus.CREATED
        assert again.status_code == HTTPStatus.CREATED
        assert isinstance(first.parsed, TransferRead) and isinstance(again.parsed, TransferRead)
        assert again.parsed.id == first.parsed.id  # the retry replayed, nothing new written
        assert again.headers.get("idempotent-replayed") == "true"
        assert Decimal(first.parsed.credits_) == Decimal("1.50")
        assert first.parsed.kind == TransferReadKind.EARN
        assert first.parsed.member_balance == "1.50"

        read = await get_member.asyncio(client=client, member_id=member.id)
        assert isinstance(read, MemberRead)
        assert read.balance == "1.50"  # credited once


async def test_walking_the_transactions_page_by_page(base_url: str, net: Network) -> None:
    async with _client(base_url, net.partner.key) as client:
        member = await _register(client, net, "Grace")
        made = []
        for n in range(5):
            earning = await create_earning.asyncio(
                client=client,
                body=EarningCreate(member_id=member.id, hours=str(n + 1)),
                idempotency_key=f"walk-{n}",
            )
            assert isinstance(earning, TransferRead), earning
            made.append(earning.id)

        seen: list[str] = []
        pages = 0
        after: str | None = None
        while True:
            page = await list_transactions.asyncio(
                client=client,
                member_id=member.id,
                limit=2,
                after=UNSET if after is None else after,
            )
            assert isinstance(page, PageTransferRead), page
            pages += 1
            assert len(page.data) <= 2
            seen += [t.id for t in page.data]
            if not page.has_more:
                assert page.next_cursor is None
                break
            assert page.next_cursor
            after = page.next_cursor

        assert pages == 3
        assert seen == list(reversed(made))  # newest first, each once


async def test_problems_arrive_as_the_problem_model_with_their_code(
    base_url: str, net: Network
) -> None:
    async with _client(base_url, net.partner.key) as client:
        missing = await get_member.asyncio_detailed(client=client, member_id="mem_nobody")
        assert missing.status_code == HTTPStatus.NOT_FOUND
        assert isinstance(missing.parsed, Problem)
        assert missing.parsed.code == "not_found" and missing.parsed.status == 404

        member = await _register(client, net, "Edsger")
        invalid = await create_earning.asyncio_detailed(
            client=client,
            body=EarningCreate(member_id=member.id, hours="1.234"),  # three decimal places
            idempotency_key="too-precise",
        )
        assert invalid.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
        problem = invalid.parsed
        assert isinstance(problem, Problem)
        assert problem.code == "validation_error"
        assert problem.errors and [e.field for e in problem.errors] == ["hours"]

        read = await get_member.asyncio(client=client, member_id=member.id)
        assert isinstance(read, MemberRead) and read.balance == "0.00"  # nothing was written

    async with _client(base_url, "tc_live_not-a-key") as stranger:
        refused = await get_member.asyncio_detailed(client=stranger, member_id=member.id)
        assert refused.status_code == HTTPStatus.UNAUTHORIZED
        assert isinstance(refused.parsed, Problem) and refused.parsed.code == "unauthenticated"


def test_the_readmes_lines_work_synchronously(base_url: str, net: Network) -> None:
    """README.md, "Python client", as written there, with the synchronous calls."""
    with AuthenticatedClient(base_url=base_url, token=net.partner.key) as client:
        member = register_member.sync(
            client=client, body=MemberCreate(display_name="Alan", programme_id=net.programme_id)
        )
        assert isinstance(member, MemberRead)
        earning = create_earning.sync(
            client=client,
            body=models.EarningCreate(member_id=member.id, hours="1.5"),
            idempotency_key="receipt-1042",
        )
        assert isinstance(earning, TransferRead)
        assert earning.id.startswith("txn_") and earning.member_balance == "1.50"
