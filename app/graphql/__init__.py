"""GraphQL at /graphql (DESIGN §4-5): the same keys, scopes and services as REST.

Resolvers are thin: check the field's scope, call app/services (reads) or the unit of work
(writes) with the same Operation objects REST uses, and map the typed models the services
return. No SQL here (tests/graphql/test_layering.py)."""
