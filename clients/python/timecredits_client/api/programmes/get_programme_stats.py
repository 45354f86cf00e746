import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.programme_stats import ProgrammeStats
from ...types import UNSET, Response, Unset


def _get_kwargs(
    programme_id: str,
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/programmes/{programme_id}/stats".format(
            programme_id=quote(str(programme_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProgrammeStats | None:
    if response.status_code == 200:
        response_200 = ProgrammeStats.from_dict(response.json())

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
) -> Response[Problem | ProgrammeStats]:
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
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Response[Problem | ProgrammeStats]:
    """A programme's figures

     People who earned, spent and gifted, credits earned, spent and gifted, hours given,
    active members and organisations, the share of members who never or rarely gave time
    before, in total and month by month (UTC), net of reversed transactions. Read by the
    programme's own organisations (its commissioner included) and the operator; anyone
    else gets 404. A figure from fewer than TIMECREDITS_MIN_CELL people (default 10) is
    null and named in `suppressed`. `Accept: text/csv`: the same figures as CSV.

    Args:
        programme_id (str):
        from_ (datetime.date | None | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (datetime.date | None | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgrammeStats]
    """

    kwargs = _get_kwargs(
        programme_id=programme_id,
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Problem | ProgrammeStats | None:
    """A programme's figures

     People who earned, spent and gifted, credits earned, spent and gifted, hours given,
    active members and organisations, the share of members who never or rarely gave time
    before, in total and month by month (UTC), net of reversed transactions. Read by the
    programme's own organisations (its commissioner included) and the operator; anyone
    else gets 404. A figure from fewer than TIMECREDITS_MIN_CELL people (default 10) is
    null and named in `suppressed`. `Accept: text/csv`: the same figures as CSV.

    Args:
        programme_id (str):
        from_ (datetime.date | None | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (datetime.date | None | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgrammeStats
    """

    return sync_detailed(
        programme_id=programme_id,
        client=client,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Response[Problem | ProgrammeStats]:
    """A programme's figures

     People who earned, spent and gifted, credits earned, spent and gifted, hours given,
    active members and organisations, the share of members who never or rarely gave time
    before, in total and month by month (UTC), net of reversed transactions. Read by the
    programme's own organisations (its commissioner included) and the operator; anyone
    else gets 404. A figure from fewer than TIMECREDITS_MIN_CELL people (default 10) is
    null and named in `suppressed`. `Accept: text/csv`: the same figures as CSV.

    Args:
        programme_id (str):
        from_ (datetime.date | None | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (datetime.date | None | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgrammeStats]
    """

    kwargs = _get_kwargs(
        programme_id=programme_id,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Problem | ProgrammeStats | None:
    """A programme's figures

     People who earned, spent and gifted, credits earned, spent and gifted, hours given,
    active members and organisations, the share of members who never or rarely gave time
    before, in total and month by month (UTC), net of reversed transactions. Read by the
    programme's own organisations (its commissioner included) and the operator; anyone
    else gets 404. A figure from fewer than TIMECREDITS_MIN_CELL people (default 10) is
    null and named in `suppressed`. `Accept: text/csv`: the same figures as CSV.

    Args:
        programme_id (str):
        from_ (datetime.date | None | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (datetime.date | None | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgrammeStats
    """

    return (
        await asyncio_detailed(
            programme_id=programme_id,
            client=client,
            from_=from_,
            to=to,
        )
    ).parsed
