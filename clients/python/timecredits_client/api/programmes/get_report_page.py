from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/{token}".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
) -> Response[Any | Problem | str]:
    """A programme's impact report page (HTML, no key)

     The figures a programme's evaluation reports show, for the period `from`-`to`
    (whole UTC days; the whole programme by default): people who earned, hours given,
    credits earned and spent, the share who never or rarely gave time before, the
    organisations taking part, a monthly activity chart, the evaluation survey's
    statements (percent positive, as `GET /v1/programmes/{id}/outcomes` computes it) and
    the ONS4 means. A figure from fewer than TIMECREDITS_MIN_CELL people (10) reads
    "fewer than 10", never a number. Opened with a report link's `url`; needs no key.

    Args:
        token (str): The link's token, from its `url`.
        from_ (None | str | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (None | str | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | str]
    """

    kwargs = _get_kwargs(
        token=token,
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
) -> Any | Problem | str | None:
    """A programme's impact report page (HTML, no key)

     The figures a programme's evaluation reports show, for the period `from`-`to`
    (whole UTC days; the whole programme by default): people who earned, hours given,
    credits earned and spent, the share who never or rarely gave time before, the
    organisations taking part, a monthly activity chart, the evaluation survey's
    statements (percent positive, as `GET /v1/programmes/{id}/outcomes` computes it) and
    the ONS4 means. A figure from fewer than TIMECREDITS_MIN_CELL people (10) reads
    "fewer than 10", never a number. Opened with a report link's `url`; needs no key.

    Args:
        token (str): The link's token, from its `url`.
        from_ (None | str | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (None | str | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | str
    """

    return sync_detailed(
        token=token,
        client=client,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
) -> Response[Any | Problem | str]:
    """A programme's impact report page (HTML, no key)

     The figures a programme's evaluation reports show, for the period `from`-`to`
    (whole UTC days; the whole programme by default): people who earned, hours given,
    credits earned and spent, the share who never or rarely gave time before, the
    organisations taking part, a monthly activity chart, the evaluation survey's
    statements (percent positive, as `GET /v1/programmes/{id}/outcomes` computes it) and
    the ONS4 means. A figure from fewer than TIMECREDITS_MIN_CELL people (10) reads
    "fewer than 10", never a number. Opened with a report link's `url`; needs no key.

    Args:
        token (str): The link's token, from its `url`.
        from_ (None | str | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (None | str | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | str]
    """

    kwargs = _get_kwargs(
        token=token,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
) -> Any | Problem | str | None:
    """A programme's impact report page (HTML, no key)

     The figures a programme's evaluation reports show, for the period `from`-`to`
    (whole UTC days; the whole programme by default): people who earned, hours given,
    credits earned and spent, the share who never or rarely gave time before, the
    organisations taking part, a monthly activity chart, the evaluation survey's
    statements (percent positive, as `GET /v1/programmes/{id}/outcomes` computes it) and
    the ONS4 means. A figure from fewer than TIMECREDITS_MIN_CELL people (10) reads
    "fewer than 10", never a number. Opened with a report link's `url`; needs no key.

    Args:
        token (str): The link's token, from its `url`.
        from_ (None | str | Unset): First day (UTC), inclusive: YYYY-MM-DD.
        to (None | str | Unset): Last day (UTC), inclusive: YYYY-MM-DD.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | str
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            from_=from_,
            to=to,
        )
    ).parsed
