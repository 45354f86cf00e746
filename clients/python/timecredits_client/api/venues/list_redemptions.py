import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_redemption_read import PageRedemptionRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date | datetime.datetime | None | Unset = UNSET,
    to: datetime.date | datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

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
        "url": "/v1/redemptions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageRedemptionRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageRedemptionRead.from_dict(response.json())

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
) -> Response[PageRedemptionRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | datetime.datetime | None | Unset = UNSET,
    to: datetime.date | datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[PageRedemptionRead | Problem]:
    """List your redemptions

     Your venue's redemptions, newest first, page by page, with their refunds.

    Args:
        from_ (datetime.date | datetime.datetime | None | Unset): Inclusive. A date `YYYY-MM-DD`
            (from the start of that UTC day) or an RFC 3339 time with its offset
            (`2026-11-23T09:00:00Z`; send `+01:00` as `%2B01:00`).
        to (datetime.date | datetime.datetime | None | Unset): A date `YYYY-MM-DD` (up to the end
            of that UTC day, inclusive) or an RFC 3339 time with its offset (exclusive).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRedemptionRead | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
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
    from_: datetime.date | datetime.datetime | None | Unset = UNSET,
    to: datetime.date | datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> PageRedemptionRead | Problem | None:
    """List your redemptions

     Your venue's redemptions, newest first, page by page, with their refunds.

    Args:
        from_ (datetime.date | datetime.datetime | None | Unset): Inclusive. A date `YYYY-MM-DD`
            (from the start of that UTC day) or an RFC 3339 time with its offset
            (`2026-11-23T09:00:00Z`; send `+01:00` as `%2B01:00`).
        to (datetime.date | datetime.datetime | None | Unset): A date `YYYY-MM-DD` (up to the end
            of that UTC day, inclusive) or an RFC 3339 time with its offset (exclusive).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRedemptionRead | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | datetime.datetime | None | Unset = UNSET,
    to: datetime.date | datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[PageRedemptionRead | Problem]:
    """List your redemptions

     Your venue's redemptions, newest first, page by page, with their refunds.

    Args:
        from_ (datetime.date | datetime.datetime | None | Unset): Inclusive. A date `YYYY-MM-DD`
            (from the start of that UTC day) or an RFC 3339 time with its offset
            (`2026-11-23T09:00:00Z`; send `+01:00` as `%2B01:00`).
        to (datetime.date | datetime.datetime | None | Unset): A date `YYYY-MM-DD` (up to the end
            of that UTC day, inclusive) or an RFC 3339 time with its offset (exclusive).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRedemptionRead | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | datetime.datetime | None | Unset = UNSET,
    to: datetime.date | datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> PageRedemptionRead | Problem | None:
    """List your redemptions

     Your venue's redemptions, newest first, page by page, with their refunds.

    Args:
        from_ (datetime.date | datetime.datetime | None | Unset): Inclusive. A date `YYYY-MM-DD`
            (from the start of that UTC day) or an RFC 3339 time with its offset
            (`2026-11-23T09:00:00Z`; send `+01:00` as `%2B01:00`).
        to (datetime.date | datetime.datetime | None | Unset): A date `YYYY-MM-DD` (up to the end
            of that UTC day, inclusive) or an RFC 3339 time with its offset (exclusive).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRedemptionRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            limit=limit,
            after=after,
        )
    ).parsed
