from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_page import EventPage
from ...models.list_events_type_item import ListEventsTypeItem
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: list[ListEventsTypeItem] | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = []
        for type_item_data in type_:
            type_item = type_item_data.value
            json_type_.append(type_item)

    params["type"] = json_type_

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
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventPage | Problem | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    type_: list[ListEventsTypeItem] | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[EventPage | Problem]:
    """List events

     What changed that your organisation may see, **oldest first**: members you
    registered, transfers you posted or whose credits moved to or from you or your members.
    Each event carries the resource as the API returned it then. Keep `next_cursor` and
    poll with it as `after`: it is always set, and an event is never skipped, even one
    whose transaction committed late (the feed waits for it).

    Args:
        type_ (list[ListEventsTypeItem] | Unset): Only these types (repeatable).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        type_=type_,
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
    type_: list[ListEventsTypeItem] | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> EventPage | Problem | None:
    """List events

     What changed that your organisation may see, **oldest first**: members you
    registered, transfers you posted or whose credits moved to or from you or your members.
    Each event carries the resource as the API returned it then. Keep `next_cursor` and
    poll with it as `after`: it is always set, and an event is never skipped, even one
    whose transaction committed late (the feed waits for it).

    Args:
        type_ (list[ListEventsTypeItem] | Unset): Only these types (repeatable).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return sync_detailed(
        client=client,
        type_=type_,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    type_: list[ListEventsTypeItem] | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[EventPage | Problem]:
    """List events

     What changed that your organisation may see, **oldest first**: members you
    registered, transfers you posted or whose credits moved to or from you or your members.
    Each event carries the resource as the API returned it then. Keep `next_cursor` and
    poll with it as `after`: it is always set, and an event is never skipped, even one
    whose transaction committed late (the feed waits for it).

    Args:
        type_ (list[ListEventsTypeItem] | Unset): Only these types (repeatable).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        type_=type_,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    type_: list[ListEventsTypeItem] | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> EventPage | Problem | None:
    """List events

     What changed that your organisation may see, **oldest first**: members you
    registered, transfers you posted or whose credits moved to or from you or your members.
    Each event carries the resource as the API returned it then. Keep `next_cursor` and
    poll with it as `after`: it is always set, and an event is never skipped, even one
    whose transaction committed late (the feed waits for it).

    Args:
        type_ (list[ListEventsTypeItem] | Unset): Only these types (repeatable).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            limit=limit,
            after=after,
        )
    ).parsed
