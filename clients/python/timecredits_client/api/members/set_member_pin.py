from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.pin_change import PinChange
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    member_id: str,
    *,
    body: PinChange,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/members/{member_id}/pin".format(
            member_id=quote(str(member_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: PinChange,
) -> Response[Any | Problem]:
    """Set a member's PIN

     The PIN the member chose for paying at a desk with their card (4 to 6 digits), set
    by their home organisation; anyone else gets a 404. Replaces an earlier PIN and unlocks
    the card. Stored only as a slow hash; PUT needs no Idempotency-Key (setting the same PIN
    twice is harmless).

    Args:
        member_id (str):
        body (PinChange): `PUT /v1/members/{id}/pin`: the PIN the member chose, 4 to 6 digits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: PinChange,
) -> Any | Problem | None:
    """Set a member's PIN

     The PIN the member chose for paying at a desk with their card (4 to 6 digits), set
    by their home organisation; anyone else gets a 404. Replaces an earlier PIN and unlocks
    the card. Stored only as a slow hash; PUT needs no Idempotency-Key (setting the same PIN
    twice is harmless).

    Args:
        member_id (str):
        body (PinChange): `PUT /v1/members/{id}/pin`: the PIN the member chose, 4 to 6 digits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        member_id=member_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: PinChange,
) -> Response[Any | Problem]:
    """Set a member's PIN

     The PIN the member chose for paying at a desk with their card (4 to 6 digits), set
    by their home organisation; anyone else gets a 404. Replaces an earlier PIN and unlocks
    the card. Stored only as a slow hash; PUT needs no Idempotency-Key (setting the same PIN
    twice is harmless).

    Args:
        member_id (str):
        body (PinChange): `PUT /v1/members/{id}/pin`: the PIN the member chose, 4 to 6 digits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: PinChange,
) -> Any | Problem | None:
    """Set a member's PIN

     The PIN the member chose for paying at a desk with their card (4 to 6 digits), set
    by their home organisation; anyone else gets a 404. Replaces an earlier PIN and unlocks
    the card. Stored only as a slow hash; PUT needs no Idempotency-Key (setting the same PIN
    twice is harmless).

    Args:
        member_id (str):
        body (PinChange): `PUT /v1/members/{id}/pin`: the PIN the member chose, 4 to 6 digits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            member_id=member_id,
            client=client,
            body=body,
        )
    ).parsed
