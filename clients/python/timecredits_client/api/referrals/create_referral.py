from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.referral_create import ReferralCreate
from ...models.referral_read import ReferralRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ReferralCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/referrals",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReferralRead | None:
    if response.status_code == 201:
        response_201 = ReferralRead.from_dict(response.json())

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
) -> Response[Problem | ReferralRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ReferralCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | ReferralRead]:
    """Send a referral

     For prescribers (and the operator): send a person to an organisation, optionally to
    one of its opportunities, with reason codes and an urgency. The person is one of your
    own members (`member_id`) or someone new (`person`), registered as the receiving
    organisation's member when it accepts. `notes` only where the service allows free text
    (TIMECREDITS_REFERRAL_NOTES; else a 422). Only the two organisations see the referral;
    both get `referral.created`.

    Args:
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (ReferralCreate): `POST /v1/referrals`: exactly one of `member_id` (one of your own
            members) or
            `person` (someone new).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReferralRead]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ReferralCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | ReferralRead | None:
    """Send a referral

     For prescribers (and the operator): send a person to an organisation, optionally to
    one of its opportunities, with reason codes and an urgency. The person is one of your
    own members (`member_id`) or someone new (`person`), registered as the receiving
    organisation's member when it accepts. `notes` only where the service allows free text
    (TIMECREDITS_REFERRAL_NOTES; else a 422). Only the two organisations see the referral;
    both get `referral.created`.

    Args:
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (ReferralCreate): `POST /v1/referrals`: exactly one of `member_id` (one of your own
            members) or
            `person` (someone new).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReferralRead
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ReferralCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | ReferralRead]:
    """Send a referral

     For prescribers (and the operator): send a person to an organisation, optionally to
    one of its opportunities, with reason codes and an urgency. The person is one of your
    own members (`member_id`) or someone new (`person`), registered as the receiving
    organisation's member when it accepts. `notes` only where the service allows free text
    (TIMECREDITS_REFERRAL_NOTES; else a 422). Only the two organisations see the referral;
    both get `referral.created`.

    Args:
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (ReferralCreate): `POST /v1/referrals`: exactly one of `member_id` (one of your own
            members) or
            `person` (someone new).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReferralRead]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ReferralCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | ReferralRead | None:
    """Send a referral

     For prescribers (and the operator): send a person to an organisation, optionally to
    one of its opportunities, with reason codes and an urgency. The person is one of your
    own members (`member_id`) or someone new (`person`), registered as the receiving
    organisation's member when it accepts. `notes` only where the service allows free text
    (TIMECREDITS_REFERRAL_NOTES; else a 422). Only the two organisations see the referral;
    both get `referral.created`.

    Args:
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (ReferralCreate): `POST /v1/referrals`: exactly one of `member_id` (one of your own
            members) or
            `person` (someone new).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReferralRead
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
