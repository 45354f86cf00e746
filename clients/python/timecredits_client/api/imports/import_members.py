from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_result import ImportResult
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: File,
    dry_run: bool | Unset = False,
    partial: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    params: dict[str, Any] = {}

    params["dry_run"] = dry_run

    params["partial"] = partial

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/imports/members",
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ImportResult | Problem | None:
    if response.status_code == 200:
        response_200 = ImportResult.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[ImportResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    dry_run: bool | Unset = False,
    partial: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ImportResult | Problem]:
    """Import members from a CSV file

     Register the members of a paper-era register, your organisation their home, as
    `POST /v1/members` would one by one (a `member.created` event each). A `text/csv` body,
    UTF-8 (with or without Excel's byte order mark), comma or semicolon separated, its
    first row naming the columns: `display_name` and `programme_id` (required),
    `external_ref`, `year_of_birth`, `postcode_district`; names are read case- and
    space-insensitively. Blank lines and a last row starting "Total" are skipped.

    All or nothing: if any row is wrong, nothing is imported and the answer is a 422
    problem whose `errors` list every wrong cell as `{row, field, message}`, `row` the
    row number your spreadsheet shows (the header is row 1). With `?partial=true` the
    good rows are imported and the answer (200) reports the rest in `errors`;
    `?dry_run=true` checks and answers the same report, writing nothing. `created` gives
    each new member's id and card number. The same Idempotency-Key with the same file and
    query replays the answer.

    Args:
        dry_run (bool | Unset): Check every row and answer what would happen; write nothing.
            Default: False.
        partial (bool | Unset): Import the good rows and report the bad ones (by default any error
            refuses the whole file). Default: False.
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
        partial=partial,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: File,
    dry_run: bool | Unset = False,
    partial: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> ImportResult | Problem | None:
    """Import members from a CSV file

     Register the members of a paper-era register, your organisation their home, as
    `POST /v1/members` would one by one (a `member.created` event each). A `text/csv` body,
    UTF-8 (with or without Excel's byte order mark), comma or semicolon separated, its
    first row naming the columns: `display_name` and `programme_id` (required),
    `external_ref`, `year_of_birth`, `postcode_district`; names are read case- and
    space-insensitively. Blank lines and a last row starting "Total" are skipped.

    All or nothing: if any row is wrong, nothing is imported and the answer is a 422
    problem whose `errors` list every wrong cell as `{row, field, message}`, `row` the
    row number your spreadsheet shows (the header is row 1). With `?partial=true` the
    good rows are imported and the answer (200) reports the rest in `errors`;
    `?dry_run=true` checks and answers the same report, writing nothing. `created` gives
    each new member's id and card number. The same Idempotency-Key with the same file and
    query replays the answer.

    Args:
        dry_run (bool | Unset): Check every row and answer what would happen; write nothing.
            Default: False.
        partial (bool | Unset): Import the good rows and report the bad ones (by default any error
            refuses the whole file). Default: False.
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        dry_run=dry_run,
        partial=partial,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    dry_run: bool | Unset = False,
    partial: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ImportResult | Problem]:
    """Import members from a CSV file

     Register the members of a paper-era register, your organisation their home, as
    `POST /v1/members` would one by one (a `member.created` event each). A `text/csv` body,
    UTF-8 (with or without Excel's byte order mark), comma or semicolon separated, its
    first row naming the columns: `display_name` and `programme_id` (required),
    `external_ref`, `year_of_birth`, `postcode_district`; names are read case- and
    space-insensitively. Blank lines and a last row starting "Total" are skipped.

    All or nothing: if any row is wrong, nothing is imported and the answer is a 422
    problem whose `errors` list every wrong cell as `{row, field, message}`, `row` the
    row number your spreadsheet shows (the header is row 1). With `?partial=true` the
    good rows are imported and the answer (200) reports the rest in `errors`;
    `?dry_run=true` checks and answers the same report, writing nothing. `created` gives
    each new member's id and card number. The same Idempotency-Key with the same file and
    query replays the answer.

    Args:
        dry_run (bool | Unset): Check every row and answer what would happen; write nothing.
            Default: False.
        partial (bool | Unset): Import the good rows and report the bad ones (by default any error
            refuses the whole file). Default: False.
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
        partial=partial,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: File,
    dry_run: bool | Unset = False,
    partial: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> ImportResult | Problem | None:
    """Import members from a CSV file

     Register the members of a paper-era register, your organisation their home, as
    `POST /v1/members` would one by one (a `member.created` event each). A `text/csv` body,
    UTF-8 (with or without Excel's byte order mark), comma or semicolon separated, its
    first row naming the columns: `display_name` and `programme_id` (required),
    `external_ref`, `year_of_birth`, `postcode_district`; names are read case- and
    space-insensitively. Blank lines and a last row starting "Total" are skipped.

    All or nothing: if any row is wrong, nothing is imported and the answer is a 422
    problem whose `errors` list every wrong cell as `{row, field, message}`, `row` the
    row number your spreadsheet shows (the header is row 1). With `?partial=true` the
    good rows are imported and the answer (200) reports the rest in `errors`;
    `?dry_run=true` checks and answers the same report, writing nothing. `created` gives
    each new member's id and card number. The same Idempotency-Key with the same file and
    query replays the answer.

    Args:
        dry_run (bool | Unset): Check every row and answer what would happen; write nothing.
            Default: False.
        partial (bool | Unset): Import the good rows and report the bad ones (by default any error
            refuses the whole file). Default: False.
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            dry_run=dry_run,
            partial=partial,
            idempotency_key=idempotency_key,
        )
    ).parsed
