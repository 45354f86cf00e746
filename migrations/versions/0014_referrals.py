"""Social-prescribing referrals (issue 15).

`referrals`: a prescriber (`from_organisation_id`) sends a person to an organisation
(`to_organisation_id`, optionally one of its opportunities); the figures count in
`programme_id`. The person is an existing member (`member_id`) or the minimal new-person
fields, registered as a member of the receiving organisation on acceptance (so
`member_id` is set once `accepted_at` is). Reason codes, urgency, decline reasons and
outcomes come from fixed vocabularies (CHECKs below; app/models/referrals.py documents
them). `notes` is AES-GCM ciphertext (app/services/referrals.py), present only when
TIMECREDITS_REFERRAL_NOTES allowed it. The lifecycle is

    sent -> accepted | declined (reason) -> first_attended -> closed (outcome)

with one timestamp per step, and `referrals_steps` holds the status and the timestamps
to each other; `seq` orders the inbound/outbound lists (newest first, cursor on seq).

Revision ID: 0014_referrals
Revises: 0013_notes
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0014_referrals"
down_revision: str | None = "0013_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE TABLE referrals (
    id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    from_organisation_id text NOT NULL REFERENCES organisations (id),
    to_organisation_id text NOT NULL REFERENCES organisations (id),
    opportunity_id text REFERENCES listings (id),
    programme_id text NOT NULL REFERENCES programmes (id),
    member_id text REFERENCES members (id),
    display_name text,
    external_ref text,
    year_of_birth integer,
    postcode_district text,
    consent_contact boolean NOT NULL DEFAULT false,
    reason_codes text[] NOT NULL,
    urgency text NOT NULL DEFAULT 'routine',
    notes bytea,
    status text NOT NULL DEFAULT 'sent',
    sent_at timestamptz NOT NULL DEFAULT now(),
    accepted_at timestamptz,
    declined_at timestamptz,
    decline_reason text,
    first_attended_at timestamptz,
    closed_at timestamptz,
    outcome text,
    CONSTRAINT referrals_parties CHECK (from_organisation_id <> to_organisation_id),
    CONSTRAINT referrals_person CHECK (member_id IS NOT NULL OR display_name IS NOT NULL),
    CONSTRAINT referrals_reason_codes CHECK (
        cardinality(reason_codes) BETWEEN 1 AND 9
        AND reason_codes <@ ARRAY['loneliness_isolation','low_mood_anxiety',
            'long_term_condition','substance_use','physical_activity','carer_support',
            'financial','housing','other']::text[]
    ),
    CONSTRAINT referrals_urgency CHECK (urgency IN ('routine','soon','urgent')),
    CONSTRAINT referrals_status CHECK (
        status IN ('sent','accepted','declined','first_attended','closed')
    ),
    CONSTRAINT referrals_decline_reason CHECK (
        decline_reason IN ('no_capacity','not_suitable','unable_to_contact',
                           'person_declined','duplicate','other')
    ),
    CONSTRAINT referrals_outcome CHECK (
        outcome IN ('completed','continuing','disengaged','did_not_attend','withdrawn',
                    'moved_on','other')
    ),
    CONSTRAINT referrals_declined CHECK ((declined_at IS NULL) = (decline_reason IS NULL)),
    CONSTRAINT referrals_closed CHECK ((closed_at IS NULL) = (outcome IS NULL)),
    CONSTRAINT referrals_member_when_accepted CHECK (accepted_at IS NULL OR member_id IS NOT NULL),
    CONSTRAINT referrals_steps CHECK (CASE status
        WHEN 'sent' THEN accepted_at IS NULL AND declined_at IS NULL
                     AND first_attended_at IS NULL AND closed_at IS NULL
        WHEN 'accepted' THEN accepted_at IS NOT NULL AND declined_at IS NULL
                         AND first_attended_at IS NULL AND closed_at IS NULL
        WHEN 'declined' THEN declined_at IS NOT NULL AND accepted_at IS NULL
                         AND first_attended_at IS NULL AND closed_at IS NULL
        WHEN 'first_attended' THEN accepted_at IS NOT NULL AND first_attended_at IS NOT NULL
                               AND declined_at IS NULL AND closed_at IS NULL
        WHEN 'closed' THEN closed_at IS NOT NULL AND declined_at IS NULL
                       AND (first_attended_at IS NULL OR accepted_at IS NOT NULL)
        END),
    CONSTRAINT referrals_order CHECK (
        accepted_at >= sent_at AND declined_at >= sent_at
        AND first_attended_at >= accepted_at AND closed_at >= sent_at
        AND closed_at >= accepted_at AND closed_at >= first_attended_at
    )
);
CREATE INDEX referrals_inbound ON referrals (to_organisation_id, seq);
CREATE INDEX referrals_inbound_status ON referrals (to_organisation_id, status, seq);
CREATE INDEX referrals_outbound ON referrals (from_organisation_id, seq);
CREATE INDEX referrals_outbound_status ON referrals (from_organisation_id, status, seq);
CREATE INDEX referrals_programme_sent ON referrals (programme_id, sent_at);
CREATE INDEX referrals_prescriber_sent ON referrals (from_organisation_id, sent_at);
CREATE INDEX referrals_accepted_member ON referrals (member_id, to_organisation_id)
    WHERE accepted_at IS NOT NULL;
"""

DOWNGRADE = """
DROP TABLE referrals;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
