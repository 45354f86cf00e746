import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_programme_outcomes_wave import GetProgrammeOutcomesWave
from ...models.outcomes import Outcomes
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    programme_id: str,
    *,
    template_id: str,
    wave: GetProgrammeOutcomesWave | Unset = GetProgrammeOutcomesWave.FOLLOW_UP,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["template_id"] = template_id

    json_wave: str | Unset = UNSET
    if not isinstance(wave, Unset):
        json_wave = wave.value

    params["wave"] = json_wave

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
        "url": "/v1/programmes/{programme_id}/outcomes".format(
            programme_id=quote(str(programme_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Outcomes | Problem | None:
    if response.status_code == 200:
        response_200 = Outcomes.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Outcomes | Problem]:
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
    template_id: str,
    wave: GetProgrammeOutcomesWave | Unset = GetProgrammeOutcomesWave.FOLLOW_UP,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Response[Outcomes | Problem]:
    """A programme's survey outcomes

     Needs `reports:read`; read by the programme's own organisations (its partners and
    commissioner) and the operator, anyone else gets a 404. Per question: `n`, `counts` per
    answer, and for agreement questions `percent_positive`, computed as the reports do:
    `a_lot` + `to_some_extent` over all answers to the question (`a_little` is not
    positive), a whole percentage rounded half up; yes/no `percent_yes`; 0-10 scales and
    numbers `mean` (ONS4 also ONS's threshold `bands`). `paired`: members who answered both
    waves, baseline to follow-up (the window applying to the follow-up's date). Any figure
    from fewer people than the network's threshold (10 unless configured) is null with
    `suppressed: true`. `Accept: text/csv` gives the same figures as CSV, one per row:
    `template_id,wave,question_id,answer,figure,value`, a suppressed value reading
    `suppressed`.

    Args:
        programme_id (str):
        template_id (str):
        wave (GetProgrammeOutcomesWave | Unset):  Default: GetProgrammeOutcomesWave.FOLLOW_UP.
        from_ (datetime.date | None | Unset): First answered_on day, inclusive.
        to (datetime.date | None | Unset): Last answered_on day, inclusive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Outcomes | Problem]
    """

    kwargs = _get_kwargs(
        programme_id=programme_id,
        template_id=template_id,
        wave=wave,
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
    template_id: str,
    wave: GetProgrammeOutcomesWave | Unset = GetProgrammeOutcomesWave.FOLLOW_UP,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Outcomes | Problem | None:
    """A programme's survey outcomes

     Needs `reports:read`; read by the programme's own organisations (its partners and
    commissioner) and the operator, anyone else gets a 404. Per question: `n`, `counts` per
    answer, and for agreement questions `percent_positive`, computed as the reports do:
    `a_lot` + `to_some_extent` over all answers to the question (`a_little` is not
    positive), a whole percentage rounded half up; yes/no `percent_yes`; 0-10 scales and
    numbers `mean` (ONS4 also ONS's threshold `bands`). `paired`: members who answered both
    waves, baseline to follow-up (the window applying to the follow-up's date). Any figure
    from fewer people than the network's threshold (10 unless configured) is null with
    `suppressed: true`. `Accept: text/csv` gives the same figures as CSV, one per row:
    `template_id,wave,question_id,answer,figure,value`, a suppressed value reading
    `suppressed`.

    Args:
        programme_id (str):
        template_id (str):
        wave (GetProgrammeOutcomesWave | Unset):  Default: GetProgrammeOutcomesWave.FOLLOW_UP.
        from_ (datetime.date | None | Unset): First answered_on day, inclusive.
        to (datetime.date | None | Unset): Last answered_on day, inclusive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Outcomes | Problem
    """

    return sync_detailed(
        programme_id=programme_id,
        client=client,
        template_id=template_id,
        wave=wave,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    template_id: str,
    wave: GetProgrammeOutcomesWave | Unset = GetProgrammeOutcomesWave.FOLLOW_UP,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Response[Outcomes | Problem]:
    """A programme's survey outcomes

     Needs `reports:read`; read by the programme's own organisations (its partners and
    commissioner) and the operator, anyone else gets a 404. Per question: `n`, `counts` per
    answer, and for agreement questions `percent_positive`, computed as the reports do:
    `a_lot` + `to_some_extent` over all answers to the question (`a_little` is not
    positive), a whole percentage rounded half up; yes/no `percent_yes`; 0-10 scales and
    numbers `mean` (ONS4 also ONS's threshold `bands`). `paired`: members who answered both
    waves, baseline to follow-up (the window applying to the follow-up's date). Any figure
    from fewer people than the network's threshold (10 unless configured) is null with
    `suppressed: true`. `Accept: text/csv` gives the same figures as CSV, one per row:
    `template_id,wave,question_id,answer,figure,value`, a suppressed value reading
    `suppressed`.

    Args:
        programme_id (str):
        template_id (str):
        wave (GetProgrammeOutcomesWave | Unset):  Default: GetProgrammeOutcomesWave.FOLLOW_UP.
        from_ (datetime.date | None | Unset): First answered_on day, inclusive.
        to (datetime.date | None | Unset): Last answered_on day, inclusive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Outcomes | Problem]
    """

    kwargs = _get_kwargs(
        programme_id=programme_id,
        template_id=template_id,
        wave=wave,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    programme_id: str,
    *,
    client: AuthenticatedClient,
    template_id: str,
    wave: GetProgrammeOutcomesWave | Unset = GetProgrammeOutcomesWave.FOLLOW_UP,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Outcomes | Problem | None:
    """A programme's survey outcomes

     Needs `reports:read`; read by the programme's own organisations (its partners and
    commissioner) and the operator, anyone else gets a 404. Per question: `n`, `counts` per
    answer, and for agreement questions `percent_positive`, computed as the reports do:
    `a_lot` + `to_some_extent` over all answers to the question (`a_little` is not
    positive), a whole percentage rounded half up; yes/no `percent_yes`; 0-10 scales and
    numbers `mean` (ONS4 also ONS's threshold `bands`). `paired`: members who answered both
    waves, baseline to follow-up (the window applying to the follow-up's date). Any figure
    from fewer people than the network's threshold (10 unless configured) is null with
    `suppressed: true`. `Accept: text/csv` gives the same figures as CSV, one per row:
    `template_id,wave,question_id,answer,figure,value`, a suppressed value reading
    `suppressed`.

    Args:
        programme_id (str):
        template_id (str):
        wave (GetProgrammeOutcomesWave | Unset):  Default: GetProgrammeOutcomesWave.FOLLOW_UP.
        from_ (datetime.date | None | Unset): First answered_on day, inclusive.
        to (datetime.date | None | Unset): Last answered_on day, inclusive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Outcomes | Problem
    """

    return (
        await asyncio_detailed(
            programme_id=programme_id,
            client=client,
            template_id=template_id,
            wave=wave,
            from_=from_,
            to=to,
        )
    ).parsed
