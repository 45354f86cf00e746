from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.note_voided import NoteVoided
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    note_id: str,
    *,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/notes/{note_id}/void".format(
            note_id=quote(str(note_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> NoteVoided | Problem | None:
    if response.status_code == 201:
        response_201 = NoteVoided.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[NoteVoided | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    note_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[NoteVoided | Problem]:
    """Void a note

     For the issuer (anyone else gets a 404): take a note out of circulation (lost,
    stolen, expired, never handed out); its value back to your organisation (a `note_void`
    transaction). A voided note cannot be redeemed; a redeemed one cannot be voided (409
    `note_already_redeemed`). Notes are voided, never reversed.

    Args:
        note_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoteVoided | Problem]
    """

    kwargs = _get_kwargs(
        note_id=note_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    note_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> NoteVoided | Problem | None:
    """Void a note

     For the issuer (anyone else gets a 404): take a note out of circulation (lost,
    stolen, expired, never handed out); its value back to your organisation (a `note_void`
    transaction). A voided note cannot be redeemed; a redeemed one cannot be voided (409
    `note_already_redeemed`). Notes are voided, never reversed.

    Args:
        note_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoteVoided | Problem
    """

    return sync_detailed(
        note_id=note_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    note_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[NoteVoided | Problem]:
    """Void a note

     For the issuer (anyone else gets a 404): take a note out of circulation (lost,
    stolen, expired, never handed out); its value back to your organisation (a `note_void`
    transaction). A voided note cannot be redeemed; a redeemed one cannot be voided (409
    `note_already_redeemed`). Notes are voided, never reversed.

    Args:
        note_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoteVoided | Problem]
    """

    kwargs = _get_kwargs(
        note_id=note_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    note_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: None | str | Unset = UNSET,
) -> NoteVoided | Problem | None:
    """Void a note

     For the issuer (anyone else gets a 404): take a note out of circulation (lost,
    stolen, expired, never handed out); its value back to your organisation (a `note_void`
    transaction). A voided note cannot be redeemed; a redeemed one cannot be voided (409
    `note_already_redeemed`). Notes are voided, never reversed.

    Args:
        note_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoteVoided | Problem
    """

    return (
        await asyncio_detailed(
            note_id=note_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
