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
        "url": "/v1/imports/earnings",
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
    """Import hours given from a CSV file

     Credit the hours of a paper-era register, as `POST /v1/earnings` would row by row
    (the same rules, an `earning.created` event each), from your allocation. Columns:
    exactly one of `member_id`, `card_number` (as printed) or `external_ref` (your own
    reference for one of your members) to find the member, then `hours` and `given_on`
    (required) and `activity`. Dates: `YYYY-MM-DD` or UK day-first `DD/MM/YYYY` (so
    `01/10/2018` is 1 October 2018), the year in full. Hours: `1.5`; `1,5` in a
    semicolon-separated file (a decimal-comma export). Rows are credited in file order:
    a row your remaining allocation does not cover is an error. A last row starting
    "Total" is skipped (an error if its hours disagree with the rows').

    All or nothing by default (a 422 problem listing every error as `{row, field,
    message}`, `row` as your spreadsheet numbers it, the header being row 1);
    `?partial=true` credits the good rows and reports the rest (200); `?dry_run=true`
    answers the report and writes nothing. Idempotent with an Idempotency-Key.

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
    """Import hours given from a CSV file

     Credit the hours of a paper-era register, as `POST /v1/earnings` would row by row
    (the same rules, an `earning.created` event each), from your allocation. Columns:
    exactly one of `member_id`, `card_number` (as printed) or `external_ref` (your own
    reference for one of your members) to find the member, then `hours` and `given_on`
    (required) and `activity`. Dates: `YYYY-MM-DD` or UK day-first `DD/MM/YYYY` (so
    `01/10/2018` is 1 October 2018), the year in full. Hours: `1.5`; `1,5` in a
    semicolon-separated file (a decimal-comma export). Rows are credited in file order:
    a row your remaining allocation does not cover is an error. A last row starting
    "Total" is skipped (an error if its hours disagree with the rows').

    All or nothing by default (a 422 problem listing every error as `{row, field,
    message}`, `row` as your spreadsheet numbers it, the header being row 1);
    `?partial=true` credits the good rows and reports the rest (200); `?dry_run=true`
    answers the report and writes nothing. Idempotent with an Idempotency-Key.

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
    """Import hours given from a CSV file

     Credit the hours of a paper-era register, as `POST /v1/earnings` would row by row
    (the same rules, an `earning.created` event each), from your allocation. Columns:
    exactly one of `member_id`, `card_number` (as printed) or `external_ref` (your own
    reference for one of your members) to find the member, then `hours` and `given_on`
    (required) and `activity`. Dates: `YYYY-MM-DD` or UK day-first `DD/MM/YYYY` (so
    `01/10/2018` is 1 October 2018), the year in full. Hours: `1.5`; `1,5` in a
    semicolon-separated file (a decimal-comma export). Rows are credited in file order:
    a row your remaining allocation does not cover is an error. A last row starting
    "Total" is skipped (an error if its hours disagree with the rows').

    All or nothing by default (a 422 problem listing every error as `{row, field,
    message}`, `row` as your spreadsheet numbers it, the header being row 1);
    `?partial=true` credits the good rows and reports the rest (200); `?dry_run=true`
    answers the report and writes nothing. Idempotent with an Idempotency-Key.

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
    """Import hours given from a CSV file

     Credit the hours of a paper-era register, as `POST /v1/earnings` would row by row
    (the same rules, an `earning.created` event each), from your allocation. Columns:
    exactly one of `member_id`, `card_number` (as printed) or `external_ref` (your own
    reference for one of your members) to find the member, then `hours` and `given_on`
    (required) and `activity`. Dates: `YYYY-MM-DD` or UK day-first `DD/MM/YYYY` (so
    `01/10/2018` is 1 October 2018), the year in full. Hours: `1.5`; `1,5` in a
    semicolon-separated file (a decimal-comma export). Rows are credited in file order:
    a row your remaining allocation does not cover is an error. A last row starting
    "Total" is skipped (an error if its hours disagree with the rows').

    All or nothing by default (a 422 problem listing every error as `{row, field,
    message}`, `row` as your spreadsheet numbers it, the header being row 1);
    `?partial=true` credits the good rows and reports the rest (200); `?dry_run=true`
    answers the report and writes nothing. Idempotent with an Idempotency-Key.

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
