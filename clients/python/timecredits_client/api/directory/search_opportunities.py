import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_opportunity_read import PageOpportunityRead
from ...models.problem import Problem
from ...models.search_opportunities_accessible_item import SearchOpportunitiesAccessibleItem
from ...models.search_opportunities_category_item import SearchOpportunitiesCategoryItem
from ...models.search_opportunities_open_on_type_0 import SearchOpportunitiesOpenOnType0
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    organisation_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    category: list[SearchOpportunitiesCategoryItem] | Unset = UNSET,
    programme_id: None | str | Unset = UNSET,
    near: None | str | Unset = UNSET,
    radius_km: float | None | Unset = UNSET,
    open_on: None | SearchOpportunitiesOpenOnType0 | Unset = UNSET,
    accessible: list[SearchOpportunitiesAccessibleItem] | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_organisation_id: None | str | Unset
    if isinstance(organisation_id, Unset):
        json_organisation_id = UNSET
    else:
        json_organisation_id = organisation_id
    params["organisation_id"] = json_organisation_id

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_category: list[str] | Unset = UNSET
    if not isinstance(category, Unset):
        json_category = []
        for category_item_data in category:
            category_item = category_item_data.value
            json_category.append(category_item)

    params["category"] = json_category

    json_programme_id: None | str | Unset
    if isinstance(programme_id, Unset):
        json_programme_id = UNSET
    else:
        json_programme_id = programme_id
    params["programme_id"] = json_programme_id

    json_near: None | str | Unset
    if isinstance(near, Unset):
        json_near = UNSET
    else:
        json_near = near
    params["near"] = json_near

    json_radius_km: float | None | Unset
    if isinstance(radius_km, Unset):
        json_radius_km = UNSET
    else:
        json_radius_km = radius_km
    params["radius_km"] = json_radius_km

    json_open_on: None | str | Unset
    if isinstance(open_on, Unset):
        json_open_on = UNSET
    elif isinstance(open_on, SearchOpportunitiesOpenOnType0):
        json_open_on = open_on.value
    else:
        json_open_on = open_on
    params["open_on"] = json_open_on

    json_accessible: list[str] | Unset = UNSET
    if not isinstance(accessible, Unset):
        json_accessible = []
        for accessible_item_data in accessible:
            accessible_item = accessible_item_data.value
            json_accessible.append(accessible_item)

    params["accessible"] = json_accessible

    json_updated_since: None | str | Unset
    if isinstance(updated_since, Unset):
        json_updated_since = UNSET
    elif isinstance(updated_since, datetime.datetime):
        json_updated_since = updated_since.isoformat()
    else:
        json_updated_since = updated_since
    params["updated_since"] = json_updated_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/opportunities",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | PageOpportunityRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageOpportunityRead.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | PageOpportunityRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    organisation_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    category: list[SearchOpportunitiesCategoryItem] | Unset = UNSET,
    programme_id: None | str | Unset = UNSET,
    near: None | str | Unset = UNSET,
    radius_km: float | None | Unset = UNSET,
    open_on: None | SearchOpportunitiesOpenOnType0 | Unset = UNSET,
    accessible: list[SearchOpportunitiesAccessibleItem] | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> Response[Any | PageOpportunityRead | Problem]:
    """Search opportunitys

     Active, current opportunitys of every partner: by title (A-Z) unless you search by `q` (relevance),
    `near` (distance) or `updated_since` (oldest change first).

    Args:
        organisation_id (None | str | Unset): One partner's only (yours, to manage them: with
            `updated_since` archived ones too).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.
        q (None | str | Unset): Words to find; tolerates typos and word forms. Ranks results (best
            first) unless `near` is given.
        category (list[SearchOpportunitiesCategoryItem] | Unset): Any of these categories.
        programme_id (None | str | Unset):
        near (None | str | Unset): `latitude,longitude`: only results within `radius_km`, nearest
            first, each with `distance_km`.
        radius_km (float | None | Unset): With `near`; default 10, from 0.001 (1 m) to 200.
        open_on (None | SearchOpportunitiesOpenOnType0 | Unset): Open (or running) on this day.
        accessible (list[SearchOpportunitiesAccessibleItem] | Unset): Has all of these features.
        updated_since (datetime.datetime | None | Unset): Changed at or after this instant, oldest
            change first: for keeping a copy in sync (offers and opportunities then include archived
            ones).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PageOpportunityRead | Problem]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        limit=limit,
        after=after,
        q=q,
        category=category,
        programme_id=programme_id,
        near=near,
        radius_km=radius_km,
        open_on=open_on,
        accessible=accessible,
        updated_since=updated_since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    organisation_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    category: list[SearchOpportunitiesCategoryItem] | Unset = UNSET,
    programme_id: None | str | Unset = UNSET,
    near: None | str | Unset = UNSET,
    radius_km: float | None | Unset = UNSET,
    open_on: None | SearchOpportunitiesOpenOnType0 | Unset = UNSET,
    accessible: list[SearchOpportunitiesAccessibleItem] | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> Any | PageOpportunityRead | Problem | None:
    """Search opportunitys

     Active, current opportunitys of every partner: by title (A-Z) unless you search by `q` (relevance),
    `near` (distance) or `updated_since` (oldest change first).

    Args:
        organisation_id (None | str | Unset): One partner's only (yours, to manage them: with
            `updated_since` archived ones too).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.
        q (None | str | Unset): Words to find; tolerates typos and word forms. Ranks results (best
            first) unless `near` is given.
        category (list[SearchOpportunitiesCategoryItem] | Unset): Any of these categories.
        programme_id (None | str | Unset):
        near (None | str | Unset): `latitude,longitude`: only results within `radius_km`, nearest
            first, each with `distance_km`.
        radius_km (float | None | Unset): With `near`; default 10, from 0.001 (1 m) to 200.
        open_on (None | SearchOpportunitiesOpenOnType0 | Unset): Open (or running) on this day.
        accessible (list[SearchOpportunitiesAccessibleItem] | Unset): Has all of these features.
        updated_since (datetime.datetime | None | Unset): Changed at or after this instant, oldest
            change first: for keeping a copy in sync (offers and opportunities then include archived
            ones).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PageOpportunityRead | Problem
    """

    return sync_detailed(
        client=client,
        organisation_id=organisation_id,
        limit=limit,
        after=after,
        q=q,
        category=category,
        programme_id=programme_id,
        near=near,
        radius_km=radius_km,
        open_on=open_on,
        accessible=accessible,
        updated_since=updated_since,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    organisation_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    category: list[SearchOpportunitiesCategoryItem] | Unset = UNSET,
    programme_id: None | str | Unset = UNSET,
    near: None | str | Unset = UNSET,
    radius_km: float | None | Unset = UNSET,
    open_on: None | SearchOpportunitiesOpenOnType0 | Unset = UNSET,
    accessible: list[SearchOpportunitiesAccessibleItem] | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> Response[Any | PageOpportunityRead | Problem]:
    """Search opportunitys

     Active, current opportunitys of every partner: by title (A-Z) unless you search by `q` (relevance),
    `near` (distance) or `updated_since` (oldest change first).

    Args:
        organisation_id (None | str | Unset): One partner's only (yours, to manage them: with
            `updated_since` archived ones too).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.
        q (None | str | Unset): Words to find; tolerates typos and word forms. Ranks results (best
            first) unless `near` is given.
        category (list[SearchOpportunitiesCategoryItem] | Unset): Any of these categories.
        programme_id (None | str | Unset):
        near (None | str | Unset): `latitude,longitude`: only results within `radius_km`, nearest
            first, each with `distance_km`.
        radius_km (float | None | Unset): With `near`; default 10, from 0.001 (1 m) to 200.
        open_on (None | SearchOpportunitiesOpenOnType0 | Unset): Open (or running) on this day.
        accessible (list[SearchOpportunitiesAccessibleItem] | Unset): Has all of these features.
        updated_since (datetime.datetime | None | Unset): Changed at or after this instant, oldest
            change first: for keeping a copy in sync (offers and opportunities then include archived
            ones).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PageOpportunityRead | Problem]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        limit=limit,
        after=after,
        q=q,
        category=category,
        programme_id=programme_id,
        near=near,
        radius_km=radius_km,
        open_on=open_on,
        accessible=accessible,
        updated_since=updated_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    organisation_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    category: list[SearchOpportunitiesCategoryItem] | Unset = UNSET,
    programme_id: None | str | Unset = UNSET,
    near: None | str | Unset = UNSET,
    radius_km: float | None | Unset = UNSET,
    open_on: None | SearchOpportunitiesOpenOnType0 | Unset = UNSET,
    accessible: list[SearchOpportunitiesAccessibleItem] | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
) -> Any | PageOpportunityRead | Problem | None:
    """Search opportunitys

     Active, current opportunitys of every partner: by title (A-Z) unless you search by `q` (relevance),
    `near` (distance) or `updated_since` (oldest change first).

    Args:
        organisation_id (None | str | Unset): One partner's only (yours, to manage them: with
            `updated_since` archived ones too).
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.
        q (None | str | Unset): Words to find; tolerates typos and word forms. Ranks results (best
            first) unless `near` is given.
        category (list[SearchOpportunitiesCategoryItem] | Unset): Any of these categories.
        programme_id (None | str | Unset):
        near (None | str | Unset): `latitude,longitude`: only results within `radius_km`, nearest
            first, each with `distance_km`.
        radius_km (float | None | Unset): With `near`; default 10, from 0.001 (1 m) to 200.
        open_on (None | SearchOpportunitiesOpenOnType0 | Unset): Open (or running) on this day.
        accessible (list[SearchOpportunitiesAccessibleItem] | Unset): Has all of these features.
        updated_since (datetime.datetime | None | Unset): Changed at or after this instant, oldest
            change first: for keeping a copy in sync (offers and opportunities then include archived
            ones).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PageOpportunityRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            organisation_id=organisation_id,
            limit=limit,
            after=after,
            q=q,
            category=category,
            programme_id=programme_id,
            near=near,
            radius_km=radius_km,
            open_on=open_on,
            accessible=accessible,
            updated_since=updated_since,
        )
    ).parsed
