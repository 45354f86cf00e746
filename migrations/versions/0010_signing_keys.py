"""Keys that sign the tokens a venue verifies offline (QR codes of redemption codes and
printed notes: ES256 JWS, app/services/signing.py).

- `signing_keys`: one row per key, the newest signs. `public_jwk` is what
  `GET /.well-known/jwks.json` publishes, with its `kid`. `private_key` is a PKCS#8 PEM
  encrypted with the service's key pepper (TIMECREDITS_KEY_PEPPER), so a database dump alone
  cannot sign.
- Keys are never deleted: a rotation (`timecredits rotate-signing-key`) adds a newer one,
  and the old one stays published so the tokens it signed verify until they expire. The
  trigger is 0008's `never_deleted()`.

Revision ID: 0010_signing_keys
Revises: 0009_card_pins
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0010_signing_keys"
down_revision: str | None = "0009_card_pins"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE TABLE signing_keys (
    kid text PRIMARY KEY,
    private_key bytea NOT NULL,
    public_jwk jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER signing_keys_never_deleted BEFORE DELETE ON signing_keys
    FOR EACH ROW EXECUTE FUNCTION never_deleted();
"""

DOWNGRADE = """
DROP TABLE signing_keys;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
