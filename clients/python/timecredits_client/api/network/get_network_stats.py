import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.network_stats import NetworkStats
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/network/stats",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> NetworkStats | Problem | None:
    if response.status_code == 200:
        response_200 = NetworkStats.from_dict(response.json())

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
) -> Response[NetworkStats | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Response[NetworkStats | Problem]:
    """The network's figures (operator)

     Every programme's figures together, as a programme's stats (the same rules: net of
    reversals, suppression, CSV on `Accept: text/csv`); a member or organisation active in
    several programmes counts once. Needs `reports:read`, on the operator's key: any other
    organisation gets 403.

    Args:
        from_ (datetime.date | None | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (datetime.date | None | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NetworkStats | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> NetworkStats | Problem | None:
    """The network's figures (operator)

     Every programme's figures together, as a programme's stats (the same rules: net of
    reversals, suppression, CSV on `Accept: text/csv`); a member or organisation active in
    several programmes counts once. Needs `reports:read`, on the operator's key: any other
    organisation gets 403.

    Args:
        from_ (datetime.date | None | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (datetime.date | None | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NetworkStats | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Response[NetworkStats | Problem]:
    """The network's figures (operator)

     Every programme's figures together, as a programme's stats (the same rules: net of
    reversals, suppression, CSV on `Accept: text/csv`); a member or organisation active in
    several programmes counts once. Needs `reports:read`, on the operator's key: any other
    organisation gets 403.

    Args:
        from_ (datetime.date | None | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (datetime.date | None | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NetworkStats | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> NetworkStats | Problem | None:
    """The network's figures (operator)

     Every programme's figures together, as a programme's stats (the same rules: net of
    reversals, suppression, CSV on `Accept: text/csv`); a member or organisation active in
    several programmes counts once. Needs `reports:read`, on the operator's key: any other
    organisation gets 403.

    Args:
        from_ (datetime.date | None | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (datetime.date | None | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NetworkStats | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
        )
    ).parsed
