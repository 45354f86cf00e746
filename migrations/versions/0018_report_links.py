"""Report links (issue 17): a shareable, expiring, revocable link to a programme's impact
report page (`GET /reports/{token}`, no API key: the token is the capability).

Only HMAC-SHA256(pepper, token) is stored, as for API keys: the token is 256 random bits,
shown once in the link's URL, so a leaked database cannot be turned back into links.
`organisation_id` is the organisation that made the link: it (and the operator) may revoke
it, and the page shows the figures that organisation may read.

Revision ID: 0018_report_links
Revises: 0017_webhooks
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0018_report_links"
down_revision: str | None = "0017_webhooks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE TABLE report_links (
    id              text PRIMARY KEY,
    programme_id    text NOT NULL REFERENCES programmes (id),
    organisation_id text NOT NULL REFERENCES organisations (id),
    token_hash      bytea NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX report_links_programme ON report_links (programme_id);
"""

DOWNGRADE = """
DROP TABLE report_links;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
