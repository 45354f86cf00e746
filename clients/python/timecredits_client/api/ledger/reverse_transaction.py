from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.reversal_create import ReversalCreate
from ...models.transfer_read import TransferRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    transfer_id: str,
    *,
    body: None | ReversalCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/transactions/{transfer_id}/reversal".format(
            transfer_id=quote(str(transfer_id), safe=""),
        ),
    }

    if isinstance(body, ReversalCreate):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TransferRead | None:
    if response.status_code == 201:
        response_201 = TransferRead.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | TransferRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    transfer_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReversalCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | TransferRead]:
    """Reverse a transaction

     Posts the mirror of a transaction, with the scope posting it needed. The side that
    received it may always give it back (a venue refunds a spend; an organisation returns
    a gift; a member's home organisation returns a gift to its member or reverses an
    earning credited to them); the organisation that posted it may within the correction
    window (24 hours by default), then 403 `reversal_window_passed`: ask the receiving
    side. Once per transaction; refused (409) when the account it would debit no longer
    holds the credits.

    Args:
        transfer_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (None | ReversalCreate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferRead]
    """

    kwargs = _get_kwargs(
        transfer_id=transfer_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    transfer_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReversalCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | TransferRead | None:
    """Reverse a transaction

     Posts the mirror of a transaction, with the scope posting it needed. The side that
    received it may always give it back (a venue refunds a spend; an organisation returns
    a gift; a member's home organisation returns a gift to its member or reverses an
    earning credited to them); the organisation that posted it may within the correction
    window (24 hours by default), then 403 `reversal_window_passed`: ask the receiving
    side. Once per transaction; refused (409) when the account it would debit no longer
    holds the credits.

    Args:
        transfer_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (None | ReversalCreate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferRead
    """

    return sync_detailed(
        transfer_id=transfer_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    transfer_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReversalCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | TransferRead]:
    """Reverse a transaction

     Posts the mirror of a transaction, with the scope posting it needed. The side that
    received it may always give it back (a venue refunds a spend; an organisation returns
    a gift; a member's home organisation returns a gift to its member or reverses an
    earning credited to them); the organisation that posted it may within the correction
    window (24 hours by default), then 403 `reversal_window_passed`: ask the receiving
    side. Once per transaction; refused (409) when the account it would debit no longer
    holds the credits.

    Args:
        transfer_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (None | ReversalCreate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransferRead]
    """

    kwargs = _get_kwargs(
        transfer_id=transfer_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    transfer_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReversalCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | TransferRead | None:
    """Reverse a transaction

     Posts the mirror of a transaction, with the scope posting it needed. The side that
    received it may always give it back (a venue refunds a spend; an organisation returns
    a gift; a member's home organisation returns a gift to its member or reverses an
    earning credited to them); the organisation that posted it may within the correction
    window (24 hours by default), then 403 `reversal_window_passed`: ask the receiving
    side. Once per transaction; refused (409) when the account it would debit no longer
    holds the credits.

    Args:
        transfer_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (None | ReversalCreate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransferRead
    """

    return (
        await asyncio_detailed(
            transfer_id=transfer_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
