from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_referrals_direction_type_0 import ListReferralsDirectionType0
from ...models.list_referrals_status_type_0 import ListReferralsStatusType0
from ...models.page_referral_read import PageReferralRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    direction: ListReferralsDirectionType0 | None | Unset = UNSET,
    status: ListReferralsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_direction: None | str | Unset
    if isinstance(direction, Unset):
        json_direction = UNSET
    elif isinstance(direction, ListReferralsDirectionType0):
        json_direction = direction.value
    else:
        json_direction = direction
    params["direction"] = json_direction

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListReferralsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/referrals",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageReferralRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageReferralRead.from_dict(response.json())

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
) -> Response[PageReferralRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    direction: ListReferralsDirectionType0 | None | Unset = UNSET,
    status: ListReferralsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[PageReferralRead | Problem]:
    """List referrals

     Referrals your organisation sent or received, newest first.

    Args:
        direction (ListReferralsDirectionType0 | None | Unset): `inbound`: received; `outbound`:
            sent; absent: both.
        status (ListReferralsStatusType0 | None | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageReferralRead | Problem]
    """

    kwargs = _get_kwargs(
        direction=direction,
        status=status,
        limit=limit,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    direction: ListReferralsDirectionType0 | None | Unset = UNSET,
    status: ListReferralsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> PageReferralRead | Problem | None:
    """List referrals

     Referrals your organisation sent or received, newest first.

    Args:
        direction (ListReferralsDirectionType0 | None | Unset): `inbound`: received; `outbound`:
            sent; absent: both.
        status (ListReferralsStatusType0 | None | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageReferralRead | Problem
    """

    return sync_detailed(
        client=client,
        direction=direction,
        status=status,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    direction: ListReferralsDirectionType0 | None | Unset = UNSET,
    status: ListReferralsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[PageReferralRead | Problem]:
    """List referrals

     Referrals your organisation sent or received, newest first.

    Args:
        direction (ListReferralsDirectionType0 | None | Unset): `inbound`: received; `outbound`:
            sent; absent: both.
        status (ListReferralsStatusType0 | None | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageReferralRead | Problem]
    """

    kwargs = _get_kwargs(
        direction=direction,
        status=status,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    direction: ListReferralsDirectionType0 | None | Unset = UNSET,
    status: ListReferralsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> PageReferralRead | Problem | None:
    """List referrals

     Referrals your organisation sent or received, newest first.

    Args:
        direction (ListReferralsDirectionType0 | None | Unset): `inbound`: received; `outbound`:
            sent; absent: both.
        status (ListReferralsStatusType0 | None | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageReferralRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            direction=direction,
            status=status,
            limit=limit,
            after=after,
        )
    ).parsed
