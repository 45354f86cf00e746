from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.hsds_service import HsdsService
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/openreferral/services/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HsdsService | Problem | None:
    if response.status_code == 200:
        response_200 = HsdsService.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Any | HsdsService | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | HsdsService | Problem]:
    """Get a service (Open Referral UK)

     One active service, fully nested: organisation, location and address, weekly
    schedule, price in Time Credits (offers), contact, taxonomy terms. Archived ones are
    `defunct`, expired ones `inactive`; unknown: 404. Public: no key needed, any origin may
    read it (CORS).

    Args:
        id (str): The service's UUID (`id` in the list).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HsdsService | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Any | HsdsService | Problem | None:
    """Get a service (Open Referral UK)

     One active service, fully nested: organisation, location and address, weekly
    schedule, price in Time Credits (offers), contact, taxonomy terms. Archived ones are
    `defunct`, expired ones `inactive`; unknown: 404. Public: no key needed, any origin may
    read it (CORS).

    Args:
        id (str): The service's UUID (`id` in the list).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HsdsService | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | HsdsService | Problem]:
    """Get a service (Open Referral UK)

     One active service, fully nested: organisation, location and address, weekly
    schedule, price in Time Credits (offers), contact, taxonomy terms. Archived ones are
    `defunct`, expired ones `inactive`; unknown: 404. Public: no key needed, any origin may
    read it (CORS).

    Args:
        id (str): The service's UUID (`id` in the list).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HsdsService | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Any | HsdsService | Problem | None:
    """Get a service (Open Referral UK)

     One active service, fully nested: organisation, location and address, weekly
    schedule, price in Time Credits (offers), contact, taxonomy terms. Archived ones are
    `defunct`, expired ones `inactive`; unknown: 404. Public: no key needed, any origin may
    read it (CORS).

    Args:
        id (str): The service's UUID (`id` in the list).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HsdsService | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
