"""GET /.well-known/jwks.json: the public keys a venue verifies our tokens with, offline
(app/services/signing.py, docs/venues.md). Public by design: no key, any origin, and
shared caches may keep it for 5 minutes."""

from fastapi import APIRouter, Request, Response

from app.api.caching import NOT_MODIFIED, PUBLIC, conditional
from app.api.deps import Db
from app.api.problems import problems
from app.services import signing

router = APIRouter(tags=["ops"])

EXAMPLE = {
    "keys": [
        {
            "kid": "sk_4h5j6k7m8n9p0q1r",
            "kty": "EC",
            "crv": "P-256",
            "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
            "use": "sig",
            "alg": "ES256",
        }
    ]
}


@router.get(
    "/.well-known/jwks.json",
    summary="Public keys for verifying tokens offline",
    response_class=Response,
    responses={
        200: {
            "description": "Every signing key, newest first (a JWK Set, RFC 7517).",
            "content": {"application/json": {"example": EXAMPLE}},
        },
        **NOT_MODIFIED,
        503: problems()[503],
    },
)
async def get_jwks(request: Request, db: Db) -> Response:
    """The ES256 public keys our QR tokens are signed with, each named by its `kid`: fetch
    it while online and keep it, then verify a token's signature and `exp` without asking
    us (docs/venues.md). Keys rotate: a token naming a kid you do not hold means it is
    time to fetch this again. Older keys stay listed while tokens they signed may be
    valid."""
    keys = await signing.jwks(db)
    return conditional(
        request, keys, cache_control=PUBLIC, headers={"Access-Control-Allow-Origin": "*"}
    )
