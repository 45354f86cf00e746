from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.redemption_check import RedemptionCheck
from ...models.redemption_request import RedemptionRequest
from ...types import Response


def _get_kwargs(
    *,
    body: RedemptionRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/redemptions/validate",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RedemptionCheck | None:
    if response.status_code == 200:
        response_200 = RedemptionCheck.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | RedemptionCheck]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RedemptionRequest,
) -> Response[Problem | RedemptionCheck]:
    """Check a redemption code

     Whether the code (typed) or token (scanned) can pay `credits` now, and if not why:
    `unknown`, `expired`, `already_used`, `over_cap` or `insufficient_credits`; with the
    member's initials for a visual check. Changes nothing. Codes that match nothing count
    against your key like card numbers: past 100 in 15 minutes, a 429.

    Args:
        body (RedemptionRequest): What a desk sends: the member's code (typed) or token (scanned),
            or their card number
            and PIN; and the amount.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RedemptionCheck]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: RedemptionRequest,
) -> Problem | RedemptionCheck | None:
    """Check a redemption code

     Whether the code (typed) or token (scanned) can pay `credits` now, and if not why:
    `unknown`, `expired`, `already_used`, `over_cap` or `insufficient_credits`; with the
    member's initials for a visual check. Changes nothing. Codes that match nothing count
    against your key like card numbers: past 100 in 15 minutes, a 429.

    Args:
        body (RedemptionRequest): What a desk sends: the member's code (typed) or token (scanned),
            or their card number
            and PIN; and the amount.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RedemptionCheck
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RedemptionRequest,
) -> Response[Problem | RedemptionCheck]:
    """Check a redemption code

     Whether the code (typed) or token (scanned) can pay `credits` now, and if not why:
    `unknown`, `expired`, `already_used`, `over_cap` or `insufficient_credits`; with the
    member's initials for a visual check. Changes nothing. Codes that match nothing count
    against your key like card numbers: past 100 in 15 minutes, a 429.

    Args:
        body (RedemptionRequest): What a desk sends: the member's code (typed) or token (scanned),
            or their card number
            and PIN; and the amount.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RedemptionCheck]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RedemptionRequest,
) -> Problem | RedemptionCheck | None:
    """Check a redemption code

     Whether the code (typed) or token (scanned) can pay `credits` now, and if not why:
    `unknown`, `expired`, `already_used`, `over_cap` or `insufficient_credits`; with the
    member's initials for a visual check. Changes nothing. Codes that match nothing count
    against your key like card numbers: past 100 in 15 minutes, a 429.

    Args:
        body (RedemptionRequest): What a desk sends: the member's code (typed) or token (scanned),
            or their card number
            and PIN; and the amount.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RedemptionCheck
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
