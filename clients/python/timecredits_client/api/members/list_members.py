from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_union_member_read_card_holder import PageUnionMemberReadCardHolder
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    external_ref: None | str | Unset = UNSET,
    card_number: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_external_ref: None | str | Unset
    if isinstance(external_ref, Unset):
        json_external_ref = UNSET
    else:
        json_external_ref = external_ref
    params["external_ref"] = json_external_ref

    json_card_number: None | str | Unset
    if isinstance(card_number, Unset):
        json_card_number = UNSET
    else:
        json_card_number = card_number
    params["card_number"] = json_card_number

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
        "url": "/v1/members",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageUnionMemberReadCardHolder | Problem | None:
    if response.status_code == 200:
        response_200 = PageUnionMemberReadCardHolder.from_dict(response.json())

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
) -> Response[PageUnionMemberReadCardHolder | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    external_ref: None | str | Unset = UNSET,
    card_number: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[PageUnionMemberReadCardHolder | Problem]:
    """Find members

     Your members, newest first; or yours with a given `external_ref`; or the member
    holding a card. A card's own home organisation gets the member's record; any other
    organisation (a desk the card is shown to) gets only `{id, initials, can_pay}`. Card
    numbers that belong to nobody count against your key: past 100 within 15 minutes,
    look-ups answer 429 `rate_limited` with `Retry-After` until the window ends.

    Args:
        external_ref (None | str | Unset):
        card_number (None | str | Unset): As printed; a mistyped number is a 422.
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageUnionMemberReadCardHolder | Problem]
    """

    kwargs = _get_kwargs(
        external_ref=external_ref,
        card_number=card_number,
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
    external_ref: None | str | Unset = UNSET,
    card_number: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> PageUnionMemberReadCardHolder | Problem | None:
    """Find members

     Your members, newest first; or yours with a given `external_ref`; or the member
    holding a card. A card's own home organisation gets the member's record; any other
    organisation (a desk the card is shown to) gets only `{id, initials, can_pay}`. Card
    numbers that belong to nobody count against your key: past 100 within 15 minutes,
    look-ups answer 429 `rate_limited` with `Retry-After` until the window ends.

    Args:
        external_ref (None | str | Unset):
        card_number (None | str | Unset): As printed; a mistyped number is a 422.
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageUnionMemberReadCardHolder | Problem
    """

    return sync_detailed(
        client=client,
        external_ref=external_ref,
        card_number=card_number,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    external_ref: None | str | Unset = UNSET,
    card_number: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[PageUnionMemberReadCardHolder | Problem]:
    """Find members

     Your members, newest first; or yours with a given `external_ref`; or the member
    holding a card. A card's own home organisation gets the member's record; any other
    organisation (a desk the card is shown to) gets only `{id, initials, can_pay}`. Card
    numbers that belong to nobody count against your key: past 100 within 15 minutes,
    look-ups answer 429 `rate_limited` with `Retry-After` until the window ends.

    Args:
        external_ref (None | str | Unset):
        card_number (None | str | Unset): As printed; a mistyped number is a 422.
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageUnionMemberReadCardHolder | Problem]
    """

    kwargs = _get_kwargs(
        external_ref=external_ref,
        card_number=card_number,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    external_ref: None | str | Unset = UNSET,
    card_number: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> PageUnionMemberReadCardHolder | Problem | None:
    """Find members

     Your members, newest first; or yours with a given `external_ref`; or the member
    holding a card. A card's own home organisation gets the member's record; any other
    organisation (a desk the card is shown to) gets only `{id, initials, can_pay}`. Card
    numbers that belong to nobody count against your key: past 100 within 15 minutes,
    look-ups answer 429 `rate_limited` with `Retry-After` until the window ends.

    Args:
        external_ref (None | str | Unset):
        card_number (None | str | Unset): As printed; a mistyped number is a 422.
        limit (int | Unset): Page size (max 200). Default: 50.
        after (None | str | Unset): The `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageUnionMemberReadCardHolder | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            external_ref=external_ref,
            card_number=card_number,
            limit=limit,
            after=after,
        )
    ).parsed
