import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.hsds_service_page import HsdsServicePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    per_page: int | Unset = 50,
    search: None | str | Unset = UNSET,
    taxonomy_term_id: None | str | Unset = UNSET,
    taxonomy_id: None | str | Unset = UNSET,
    day: None | str | Unset = UNSET,
    start_time: None | str | Unset = UNSET,
    end_time: None | str | Unset = UNSET,
    modified_after: datetime.datetime | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["per_page"] = per_page

    json_search: None | str | Unset
    if isinstance(search, Unset):
        json_search = UNSET
    else:
        json_search = search
    params["search"] = json_search

    json_taxonomy_term_id: None | str | Unset
    if isinstance(taxonomy_term_id, Unset):
        json_taxonomy_term_id = UNSET
    else:
        json_taxonomy_term_id = taxonomy_term_id
    params["taxonomy_term_id"] = json_taxonomy_term_id

    json_taxonomy_id: None | str | Unset
    if isinstance(taxonomy_id, Unset):
        json_taxonomy_id = UNSET
    else:
        json_taxonomy_id = taxonomy_id
    params["taxonomy_id"] = json_taxonomy_id

    json_day: None | str | Unset
    if isinstance(day, Unset):
        json_day = UNSET
    else:
        json_day = day
    params["day"] = json_day

    json_start_time: None | str | Unset
    if isinstance(start_time, Unset):
        json_start_time = UNSET
    else:
        json_start_time = start_time
    params["start_time"] = json_start_time

    json_end_time: None | str | Unset
    if isinstance(end_time, Unset):
        json_end_time = UNSET
    else:
        json_end_time = end_time
    params["end_time"] = json_end_time

    json_modified_after: None | str | Unset
    if isinstance(modified_after, Unset):
        json_modified_after = UNSET
    elif isinstance(modified_after, datetime.datetime):
        json_modified_after = modified_after.isoformat()
    else:
        json_modified_after = modified_after
    params["modified_after"] = json_modified_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/openreferral/services",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HsdsServicePage | Problem | None:
    if response.status_code == 200:
        response_200 = HsdsServicePage.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[Any | HsdsServicePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 50,
    search: None | str | Unset = UNSET,
    taxonomy_term_id: None | str | Unset = UNSET,
    taxonomy_id: None | str | Unset = UNSET,
    day: None | str | Unset = UNSET,
    start_time: None | str | Unset = UNSET,
    end_time: None | str | Unset = UNSET,
    modified_after: datetime.datetime | None | Unset = UNSET,
) -> Response[Any | HsdsServicePage | Problem]:
    """List services (Open Referral UK)

     Every active Time Credits offer (an activity paid for with Time Credits) and
    volunteering opportunity (earns Time Credits) as an HSDS service, in a stable order,
    paged with `page` and `per_page`. A page past the end is empty with the right totals.
    Public: no key needed, any origin may read it (CORS).

    Args:
        page (int | Unset): Page number, from 1. Default: 1.
        per_page (int | Unset): Services per page (max 200). Default: 50.
        search (None | str | Unset): Words to find (English full text).
        taxonomy_term_id (None | str | Unset): A term's UUID (or our code, e.g. `swimming`,
            `opportunity`).
        taxonomy_id (None | str | Unset): Services with any term of this taxonomy.
        day (None | str | Unset): Running on this weekday: `MO`…`SU` or `monday`…
        start_time (None | str | Unset): A session starting at or after this local time.
        end_time (None | str | Unset): A session ending at or before this local time.
        modified_after (datetime.datetime | None | Unset): Changed at or after this RFC 3339 time
            (UTC when no offset).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HsdsServicePage | Problem]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        day=day,
        start_time=start_time,
        end_time=end_time,
        modified_after=modified_after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 50,
    search: None | str | Unset = UNSET,
    taxonomy_term_id: None | str | Unset = UNSET,
    taxonomy_id: None | str | Unset = UNSET,
    day: None | str | Unset = UNSET,
    start_time: None | str | Unset = UNSET,
    end_time: None | str | Unset = UNSET,
    modified_after: datetime.datetime | None | Unset = UNSET,
) -> Any | HsdsServicePage | Problem | None:
    """List services (Open Referral UK)

     Every active Time Credits offer (an activity paid for with Time Credits) and
    volunteering opportunity (earns Time Credits) as an HSDS service, in a stable order,
    paged with `page` and `per_page`. A page past the end is empty with the right totals.
    Public: no key needed, any origin may read it (CORS).

    Args:
        page (int | Unset): Page number, from 1. Default: 1.
        per_page (int | Unset): Services per page (max 200). Default: 50.
        search (None | str | Unset): Words to find (English full text).
        taxonomy_term_id (None | str | Unset): A term's UUID (or our code, e.g. `swimming`,
            `opportunity`).
        taxonomy_id (None | str | Unset): Services with any term of this taxonomy.
        day (None | str | Unset): Running on this weekday: `MO`…`SU` or `monday`…
        start_time (None | str | Unset): A session starting at or after this local time.
        end_time (None | str | Unset): A session ending at or before this local time.
        modified_after (datetime.datetime | None | Unset): Changed at or after this RFC 3339 time
            (UTC when no offset).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HsdsServicePage | Problem
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        day=day,
        start_time=start_time,
        end_time=end_time,
        modified_after=modified_after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 50,
    search: None | str | Unset = UNSET,
    taxonomy_term_id: None | str | Unset = UNSET,
    taxonomy_id: None | str | Unset = UNSET,
    day: None | str | Unset = UNSET,
    start_time: None | str | Unset = UNSET,
    end_time: None | str | Unset = UNSET,
    modified_after: datetime.datetime | None | Unset = UNSET,
) -> Response[Any | HsdsServicePage | Problem]:
    """List services (Open Referral UK)

     Every active Time Credits offer (an activity paid for with Time Credits) and
    volunteering opportunity (earns Time Credits) as an HSDS service, in a stable order,
    paged with `page` and `per_page`. A page past the end is empty with the right totals.
    Public: no key needed, any origin may read it (CORS).

    Args:
        page (int | Unset): Page number, from 1. Default: 1.
        per_page (int | Unset): Services per page (max 200). Default: 50.
        search (None | str | Unset): Words to find (English full text).
        taxonomy_term_id (None | str | Unset): A term's UUID (or our code, e.g. `swimming`,
            `opportunity`).
        taxonomy_id (None | str | Unset): Services with any term of this taxonomy.
        day (None | str | Unset): Running on this weekday: `MO`…`SU` or `monday`…
        start_time (None | str | Unset): A session starting at or after this local time.
        end_time (None | str | Unset): A session ending at or before this local time.
        modified_after (datetime.datetime | None | Unset): Changed at or after this RFC 3339 time
            (UTC when no offset).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HsdsServicePage | Problem]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        day=day,
        start_time=start_time,
        end_time=end_time,
        modified_after=modified_after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    per_page: int | Unset = 50,
    search: None | str | Unset = UNSET,
    taxonomy_term_id: None | str | Unset = UNSET,
    taxonomy_id: None | str | Unset = UNSET,
    day: None | str | Unset = UNSET,
    start_time: None | str | Unset = UNSET,
    end_time: None | str | Unset = UNSET,
    modified_after: datetime.datetime | None | Unset = UNSET,
) -> Any | HsdsServicePage | Problem | None:
    """List services (Open Referral UK)

     Every active Time Credits offer (an activity paid for with Time Credits) and
    volunteering opportunity (earns Time Credits) as an HSDS service, in a stable order,
    paged with `page` and `per_page`. A page past the end is empty with the right totals.
    Public: no key needed, any origin may read it (CORS).

    Args:
        page (int | Unset): Page number, from 1. Default: 1.
        per_page (int | Unset): Services per page (max 200). Default: 50.
        search (None | str | Unset): Words to find (English full text).
        taxonomy_term_id (None | str | Unset): A term's UUID (or our code, e.g. `swimming`,
            `opportunity`).
        taxonomy_id (None | str | Unset): Services with any term of this taxonomy.
        day (None | str | Unset): Running on this weekday: `MO`…`SU` or `monday`…
        start_time (None | str | Unset): A session starting at or after this local time.
        end_time (None | str | Unset): A session ending at or before this local time.
        modified_after (datetime.datetime | None | Unset): Changed at or after this RFC 3339 time
            (UTC when no offset).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HsdsServicePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            search=search,
            taxonomy_term_id=taxonomy_term_id,
            taxonomy_id=taxonomy_id,
            day=day,
            start_time=start_time,
            end_time=end_time,
            modified_after=modified_after,
        )
    ).parsed
