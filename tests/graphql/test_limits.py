"""Query depth, aliases (counted through fragments), tokens and page size are limited by
settings, and a query over any of them is refused before anything runs."""

from decimal import Decimal

from app.auth.caller import Caller
from app.graphql.context import Context
from app.graphql.schema import build
from app.settings import Settings
from tests.graphql.support import codes, gql
from tests.network import Network


def _deep(levels: int) -> str:
    """programmes → organisations → programmes → … : `levels` nested selections."""
    inner = "id"
    for i in reversed(range(levels)):  # the outermost (i = 0) is organisations
        field = "organisations" if i % 2 == 0 else "programmes"
        inner = f"{field} {{ {inner} }}"
    return f'{{ programme(id: "x") {{ {inner} }} }}'


def _earnings(member_id: str, count: int, prefix: str = "e") -> str:
    return "\n".join(
        f'{prefix}{i}: recordEarning(input: {{memberId: "{member_id}", hours: "1"}}) {{ id }}'
        for i in range(count)
    )


async def test_a_query_deeper_than_the_limit_is_refused(net: Network) -> None:
    ok = await gql(net, net.partner, _deep(12))
    assert "query_too_complex" not in codes(ok), ok
    answer = await gql(net, net.partner, _deep(20))
    assert codes(answer) == ["query_too_complex"]
    assert "exceeds maximum operation depth of 15" in answer["errors"][0]["message"]
    assert answer.get("data") is None


async def test_too_many_aliases_are_refused_and_nothing_is_written(net: Network) -> None:
    m = await net.member()
    answer = await gql(net, net.partner, "mutation {" + _earnings(m["id"], 51) + "}")
    assert codes(answer) == ["query_too_complex"]
    assert answer["errors"][0]["message"] == "51 aliases found. Allowed: 50"
    assert await net.balance(m["id"]) == 0


async def test_aliases_hidden_in_fragments_count(net: Network) -> None:
    """30 aliases in a fragment spread twice are 60: refused (strawberry < 0.315.7 let a
    fragment through), and no earning is made."""
    m = await net.member()
    query = (
        "mutation { ...A ...B }\n"
        f"fragment A on Mutation {{ {_earnings(m['id'], 30, 'a')} }}\n"
        f"fragment B on Mutation {{ ...A }}\n"
    )
    answer = await gql(net, net.partner, query)
    assert codes(answer) == ["query_too_complex"], answer
    assert "aliases found. Allowed: 50" in answer["errors"][0]["message"]
    assert await net.balance(m["id"]) == 0
    # Aliases in a fragment and in the operation add up too.
    query = (
        "query { ...Q " + " ".join(f"m{i}: me {{ scopes }}" for i in range(26)) + " }\n"
        "fragment Q on Query { " + " ".join(f"f{i}: me {{ scopes }}" for i in range(25)) + " }"
    )
    answer = await gql(net, net.partner, query)
    assert codes(answer) == ["query_too_complex"]
    assert answer["errors"][0]["message"] == "51 aliases found. Allowed: 50"


async def test_more_tokens_than_the_limit_are_refused_and_nothing_is_written(
    net: Network,
) -> None:
    m = await net.member()
    query = (
        f'mutation {{ recordEarning(input: {{memberId: "{m["id"]}", hours: "1"}}) '
        f"{{ {' '.join(['id'] * 10_001)} }} }}"
    )
    answer = await gql(net, net.partner, query)
    assert codes(answer) == ["query_too_complex"]
    assert "more than 10000 tokens" in answer["errors"][0]["message"]
    assert await net.balance(m["id"]) == Decimal(0)


async def test_page_size_is_at_most_200_as_rests(net: Network) -> None:
    for field in ("programmes", "organisations", "offers", "opportunities", "members"):
        answer = await gql(
            net, net.partner, f"{{ {field}(first: 201) {{ pageInfo {{ hasNextPage }} }} }}"
        )
        assert codes(answer) == ["validation_error"], (field, answer)
        answer = await gql(
            net, net.partner, f"{{ {field}(first: 0) {{ pageInfo {{ hasNextPage }} }} }}"
        )
        assert codes(answer) == ["validation_error"], (field, answer)
        answer = await gql(
            net, net.partner, f"{{ {field}(first: 200) {{ pageInfo {{ hasNextPage }} }} }}"
        )
        assert "errors" not in answer, (field, answer)


async def test_an_oversized_page_refuses_the_whole_document_before_it_runs(
    net: Network,
) -> None:
    """Written or passed as a variable: no field of the query runs (not even `me`)."""
    for query, variables in (
        ("query($n: Int) { me { scopes } members(first: $n) { edges { cursor } } }", {"n": 500}),
        (
            "{ me { scopes } ...F } fragment F on Query { offers(first: 0) { edges { cursor } } }",
            {},
        ),
    ):
        answer = await gql(net, net.partner, query, variables)
        assert answer["data"] is None and codes(answer) == ["validation_error"], answer
        assert answer["errors"][0]["extensions"]["errors"] == [
            {"field": "first", "message": "must be between 1 and 200"}
        ]


async def test_the_limits_are_settings(net: Network) -> None:
    strict = Settings(
        database_url=None,
        env="test",
        graphql_max_depth=3,
        graphql_max_aliases=1,
        graphql_max_tokens=60,
        graphql_introspection=False,
    )
    schema = build(strict)
    caller = Caller(net.partner.id, None, frozenset(), frozenset(["directory:read"]))
    ctx = Context(db=None, caller=caller, env=strict.service_env)  # type: ignore[arg-type]
    for query, message in (
        (_deep(4), "exceeds maximum operation depth of 3"),
        ("{ a: me { scopes } b: me { scopes } }", "2 aliases found. Allowed: 1"),
        ("{ me { " + "scopes " * 60 + "} }", "more than 60 tokens"),
        ("{ __schema { types { name } } }", "introspection"),
    ):
        result = await schema.execute(query, context_value=ctx)
        assert result.errors, query
        assert message.lower() in result.errors[0].message.lower(), result.errors


async def test_introspection_is_on_by_default(net: Network) -> None:
    answer = await gql(net, net.partner, "{ __schema { queryType { name } } }")
    assert answer["data"] == {"__schema": {"queryType": {"name": "Query"}}}
