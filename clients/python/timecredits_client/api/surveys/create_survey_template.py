from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.survey_template_create import SurveyTemplateCreate
from ...models.survey_template_read import SurveyTemplateRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SurveyTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/survey-templates",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SurveyTemplateRead | None:
    if response.status_code == 201:
        response_201 = SurveyTemplateRead.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Problem | SurveyTemplateRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SurveyTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | SurveyTemplateRead]:
    """Add a survey template (operator)

     Needs `admin`. Question types: `agreement` (a lot, to some extent, a little, not at
    all), `scale_0_10`, `yes_no`, `single_choice` (your `options`), `number` (`min` and
    `max`). Optional `scoring`: the sum of `items` (choice items through `option_values`),
    converted by a `conversion` table of every raw sum when given, so a licensed scale
    (e.g. SWEMWBS: raw 7-35 to a metric score) can be loaded by a licence holder. Every
    problem is reported in one 422.

    Args:
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (SurveyTemplateCreate): A template of the operator's. The id is yours to choose
            (lower case, digits and
            hyphens, e.g. `swemwbs`) or one is made (`svt_…`); built-in ids are taken.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SurveyTemplateRead]
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
    body: SurveyTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | SurveyTemplateRead | None:
    """Add a survey template (operator)

     Needs `admin`. Question types: `agreement` (a lot, to some extent, a little, not at
    all), `scale_0_10`, `yes_no`, `single_choice` (your `options`), `number` (`min` and
    `max`). Optional `scoring`: the sum of `items` (choice items through `option_values`),
    converted by a `conversion` table of every raw sum when given, so a licensed scale
    (e.g. SWEMWBS: raw 7-35 to a metric score) can be loaded by a licence holder. Every
    problem is reported in one 422.

    Args:
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (SurveyTemplateCreate): A template of the operator's. The id is yours to choose
            (lower case, digits and
            hyphens, e.g. `swemwbs`) or one is made (`svt_…`); built-in ids are taken.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SurveyTemplateRead
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SurveyTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | SurveyTemplateRead]:
    """Add a survey template (operator)

     Needs `admin`. Question types: `agreement` (a lot, to some extent, a little, not at
    all), `scale_0_10`, `yes_no`, `single_choice` (your `options`), `number` (`min` and
    `max`). Optional `scoring`: the sum of `items` (choice items through `option_values`),
    converted by a `conversion` table of every raw sum when given, so a licensed scale
    (e.g. SWEMWBS: raw 7-35 to a metric score) can be loaded by a licence holder. Every
    problem is reported in one 422.

    Args:
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (SurveyTemplateCreate): A template of the operator's. The id is yours to choose
            (lower case, digits and
            hyphens, e.g. `swemwbs`) or one is made (`svt_…`); built-in ids are taken.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SurveyTemplateRead]
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
    body: SurveyTemplateCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | SurveyTemplateRead | None:
    """Add a survey template (operator)

     Needs `admin`. Question types: `agreement` (a lot, to some extent, a little, not at
    all), `scale_0_10`, `yes_no`, `single_choice` (your `options`), `number` (`min` and
    `max`). Optional `scoring`: the sum of `items` (choice items through `option_values`),
    converted by a `conversion` table of every raw sum when given, so a licensed scale
    (e.g. SWEMWBS: raw 7-35 to a metric score) can be loaded by a licence holder. Every
    problem is reported in one 422.

    Args:
        idempotency_key (None | str | Unset): Retry safely: the same key and request replay the
            original response for at least 24 hours. 1-255 printable ASCII characters.
        body (SurveyTemplateCreate): A template of the operator's. The id is yours to choose
            (lower case, digits and
            hyphens, e.g. `swemwbs`) or one is made (`svt_…`); built-in ids are taken.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SurveyTemplateRead
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
