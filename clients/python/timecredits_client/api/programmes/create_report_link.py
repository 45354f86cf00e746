from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.report_link_create import ReportLinkCreate
from ...models.report_link_created import ReportLinkCreated
from ...types import UNSET, Response, Unset


def _get_kwargs(
    programme_id: str,
    *,
    body: None | ReportLinkCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/programmes/{programme_id}/report-links".format(
            programme_id=quote(str(programme_id), safe=""),
        ),
    }

    if isinstance(body, ReportLinkCreate):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReportLinkCreated | None:
    if response.status_code == 201:
        response_201 = ReportLinkCreated.from_dict(response.json())

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
) -> Response[Problem | ReportLinkCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReportLinkCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | ReportLinkCreated]:
    """Share a programme's impact report page

     A link to the programme's impact report page (`url`, `GET /reports/{token}`): the
    figures its evaluation reports show, as a web page anyone holding the link can read and
    print, without an API key. Made by the programme's own organisations (its partners and
    commissioner) and the operator, with `reports:read`; anyone else gets 404. The page
    shows what the organisation making the link may read, small numbers suppressed as in
    every report. The link works until `expires_at` (`expires_in` seconds, 30 days by
    default) or until revoked. The URL is shown once: only a hash of its token is kept, and
    a replay never shows the URL again. Records `report_link.created`.

    Args:
        programme_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (None | ReportLinkCreate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportLinkCreated]
    """

    kwargs = _get_kwargs(
        programme_id=programme_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReportLinkCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | ReportLinkCreated | None:
    """Share a programme's impact report page

     A link to the programme's impact report page (`url`, `GET /reports/{token}`): the
    figures its evaluation reports show, as a web page anyone holding the link can read and
    print, without an API key. Made by the programme's own organisations (its partners and
    commissioner) and the operator, with `reports:read`; anyone else gets 404. The page
    shows what the organisation making the link may read, small numbers suppressed as in
    every report. The link works until `expires_at` (`expires_in` seconds, 30 days by
    default) or until revoked. The URL is shown once: only a hash of its token is kept, and
    a replay never shows the URL again. Records `report_link.created`.

    Args:
        programme_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (None | ReportLinkCreate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportLinkCreated
    """

    return sync_detailed(
        programme_id=programme_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReportLinkCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | ReportLinkCreated]:
    """Share a programme's impact report page

     A link to the programme's impact report page (`url`, `GET /reports/{token}`): the
    figures its evaluation reports show, as a web page anyone holding the link can read and
    print, without an API key. Made by the programme's own organisations (its partners and
    commissioner) and the operator, with `reports:read`; anyone else gets 404. The page
    shows what the organisation making the link may read, small numbers suppressed as in
    every report. The link works until `expires_at` (`expires_in` seconds, 30 days by
    default) or until revoked. The URL is shown once: only a hash of its token is kept, and
    a replay never shows the URL again. Records `report_link.created`.

    Args:
        programme_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (None | ReportLinkCreate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportLinkCreated]
    """

    kwargs = _get_kwargs(
        programme_id=programme_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    body: None | ReportLinkCreate | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | ReportLinkCreated | None:
    """Share a programme's impact report page

     A link to the programme's impact report page (`url`, `GET /reports/{token}`): the
    figures its evaluation reports show, as a web page anyone holding the link can read and
    print, without an API key. Made by the programme's own organisations (its partners and
    commissioner) and the operator, with `reports:read`; anyone else gets 404. The page
    shows what the organisation making the link may read, small numbers suppressed as in
    every report. The link works until `expires_at` (`expires_in` seconds, 30 days by
    default) or until revoked. The URL is shown once: only a hash of its token is kept, and
    a replay never shows the URL again. Records `report_link.created`.

    Args:
        programme_id (str):
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (None | ReportLinkCreate | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportLinkCreated
    """

    return (
        await asyncio_detailed(
            programme_id=programme_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
