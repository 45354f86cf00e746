from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.redemption_code_create import RedemptionCodeCreate
from ...models.redemption_code_created import RedemptionCodeCreated
from ...types import UNSET, Response, Unset


def _get_kwargs(
    member_id: str,
    *,
    body: RedemptionCodeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/members/{member_id}/redemption-codes".format(
            member_id=quote(str(member_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RedemptionCodeCreated | None:
    if response.status_code == 201:
        response_201 = RedemptionCodeCreated.from_dict(response.json())

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
) -> Response[Problem | RedemptionCodeCreated]:
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
    body: RedemptionCodeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | RedemptionCodeCreated]:
    """Issue a redemption code

     For the member's app, run by their home organisation (anyone else gets a 404): a
    single-use code the member shows or reads out at a venue's desk, and the same as a
    signed token for a QR code. Valid for `expires_in` seconds (15 minutes by default, at
    most 24 hours), optionally for at most `max_credits`. The code is in this response only.

    Args:
        member_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (RedemptionCodeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RedemptionCodeCreated]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: RedemptionCodeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | RedemptionCodeCreated | None:
    """Issue a redemption code

     For the member's app, run by their home organisation (anyone else gets a 404): a
    single-use code the member shows or reads out at a venue's desk, and the same as a
    signed token for a QR code. Valid for `expires_in` seconds (15 minutes by default, at
    most 24 hours), optionally for at most `max_credits`. The code is in this response only.

    Args:
        member_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (RedemptionCodeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RedemptionCodeCreated
    """

    return sync_detailed(
        member_id=member_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: RedemptionCodeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | RedemptionCodeCreated]:
    """Issue a redemption code

     For the member's app, run by their home organisation (anyone else gets a 404): a
    single-use code the member shows or reads out at a venue's desk, and the same as a
    signed token for a QR code. Valid for `expires_in` seconds (15 minutes by default, at
    most 24 hours), optionally for at most `max_credits`. The code is in this response only.

    Args:
        member_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (RedemptionCodeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RedemptionCodeCreated]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: RedemptionCodeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | RedemptionCodeCreated | None:
    """Issue a redemption code

     For the member's app, run by their home organisation (anyone else gets a 404): a
    single-use code the member shows or reads out at a venue's desk, and the same as a
    signed token for a QR code. Valid for `expires_in` seconds (15 minutes by default, at
    most 24 hours), optionally for at most `max_credits`. The code is in this response only.

    Args:
        member_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (RedemptionCodeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RedemptionCodeCreated
    """

    return (
        await asyncio_detailed(
            member_id=member_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
