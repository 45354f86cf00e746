"""Outcome surveys: templates and responses (issue 15).

- `survey_templates`: the templates an operator adds (question list and optional scoring as
  JSON). The three built-in templates (`programme-evaluation`, `ons4`,
  `partner-organisation`) are code constants (app/services/surveys.py), never rows: a
  release can correct their wording, and no database holds a stale copy.
- `survey_responses`: one per subject (a member, or for partner surveys the organisation
  itself) per template and wave; `answers` maps question ids to values, checked against the
  template by the service; `score` is the template's scoring (e.g. a raw-to-metric table),
  computed on insert.
- `survey_answer_counts` and `survey_pair_sums`: the rollups the outcomes endpoint reads
  (app/services/outcomes.py), kept by a trigger on `survey_responses` in the inserting
  transaction (a statement-level trigger: a bulk INSERT is counted in one pass), so a
  response inserted by any path (the API, a bulk load, a benchmark) is counted exactly once:
  - answer counts per (programme, template, wave, day, question, answer); the pseudo
    questions `#respondents` (one per response) and `#score` (the response's score);
  - per (programme, template, follow-up day, question), the members who answered a question
    in both waves: how many, the sums of their numeric answers in each wave, and how many
    answered positively (`a_lot`, `to_some_extent`, `yes`) in each. The second response of a
    pair, whichever wave it is, adds the pair; a lock on the member's row makes two racing
    waves see each other.

Revision ID: 0015_surveys
Revises: 0014_referrals
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0015_surveys"
down_revision: str | None = "0014_referrals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = """
CREATE TABLE survey_templates (
    id text PRIMARY KEY,
    name text NOT NULL,
    subject text NOT NULL CHECK (subject IN ('member','organisation')),
    questions jsonb NOT NULL CHECK (jsonb_typeof(questions) = 'array'),
    scoring jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE survey_responses (
    id text PRIMARY KEY,
    template_id text NOT NULL,
    programme_id text NOT NULL REFERENCES programmes (id),
    member_id text REFERENCES members (id),
    subject_organisation_id text REFERENCES organisations (id),
    organisation_id text NOT NULL REFERENCES organisations (id),
    wave text NOT NULL CHECK (wave IN ('baseline','follow_up')),
    answered_on date NOT NULL,
    answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
    score numeric,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT survey_responses_one_subject
        CHECK ((member_id IS NULL) <> (subject_organisation_id IS NULL))
);
CREATE UNIQUE INDEX survey_responses_member_wave
    ON survey_responses (template_id, member_id, wave) WHERE member_id IS NOT NULL;
CREATE UNIQUE INDEX survey_responses_organisation_wave
    ON survey_responses (template_id, programme_id, subject_organisation_id, wave)
    WHERE member_id IS NULL;
CREATE INDEX survey_responses_programme
    ON survey_responses (programme_id, template_id, wave, answered_on);
CREATE TABLE survey_answer_counts (
    programme_id text NOT NULL,
    template_id text NOT NULL,
    wave text NOT NULL,
    answered_on date NOT NULL,
    question_id text NOT NULL,
    answer text NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (programme_id, template_id, wave, answered_on, question_id, answer)
);
CREATE TABLE survey_pair_sums (
    programme_id text NOT NULL,
    template_id text NOT NULL,
    answered_on date NOT NULL,
    question_id text NOT NULL,
    pairs integer NOT NULL,
    baseline_sum numeric NOT NULL,
    follow_up_sum numeric NOT NULL,
    baseline_positive integer NOT NULL,
    follow_up_positive integer NOT NULL,
    PRIMARY KEY (programme_id, template_id, answered_on, question_id)
);

CREATE FUNCTION survey_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO survey_answer_counts AS c
           (programme_id, template_id, wave, answered_on, question_id, answer, n)
    SELECT r.programme_id, r.template_id, r.wave, r.answered_on, x.q, x.a, count(*)
      FROM inserted r
     CROSS JOIN LATERAL (
            SELECT '#respondents' AS q, '' AS a
            UNION ALL SELECT key, value #>> '{}' FROM jsonb_each(r.answers)
            UNION ALL SELECT '#score', r.score::text WHERE r.score IS NOT NULL) x
     GROUP BY 1, 2, 3, 4, 5, 6
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (programme_id, template_id, wave, answered_on, question_id, answer)
    DO UPDATE SET n = c.n + excluded.n;

    -- Two waves of one member racing in two transactions: the second waits here, then
    -- (a new statement, a new snapshot) sees the first. A row lock, not an advisory one:
    -- a bulk load would fill the shared lock table with advisory locks.
    PERFORM 1 FROM members
      WHERE id IN (SELECT member_id FROM inserted WHERE member_id IS NOT NULL)
      ORDER BY id FOR NO KEY UPDATE;

    -- Each pair once: from its inserted baseline, or from its inserted follow-up when the
    -- baseline was there before (a pair inserted whole counts from its baseline).
    WITH pair AS (
        SELECT b.answers AS ba, b.score AS bs, f.answers AS fa, f.score AS fs,
               f.programme_id, f.template_id, f.answered_on
          FROM inserted b
          JOIN survey_responses f
            ON f.template_id = b.template_id AND f.member_id = b.member_id
           AND f.member_id IS NOT NULL AND f.wave = 'follow_up'
         WHERE b.wave = 'baseline' AND b.member_id IS NOT NULL
        UNION ALL
        SELECT b.answers, b.score, f.answers, f.score, f.programme_id, f.template_id,
               f.answered_on
          FROM inserted f
          JOIN survey_responses b
            ON b.template_id = f.template_id AND b.member_id = f.member_id
           AND b.member_id IS NOT NULL AND b.wave = 'baseline'
         WHERE f.wave = 'follow_up' AND f.member_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM inserted i WHERE i.id = b.id)
    )
    INSERT INTO survey_pair_sums AS p
           (programme_id, template_id, answered_on, question_id, pairs, baseline_sum,
            follow_up_sum, baseline_positive, follow_up_positive)
    SELECT pair.programme_id, pair.template_id, pair.answered_on, x.q, count(*),
           sum(CASE WHEN jsonb_typeof(x.bv) = 'number' THEN (x.bv #>> '{}')::numeric ELSE 0 END),
           sum(CASE WHEN jsonb_typeof(x.fv) = 'number' THEN (x.fv #>> '{}')::numeric ELSE 0 END),
           count(*) FILTER (WHERE x.bv #>> '{}' IN ('a_lot','to_some_extent','yes')),
           count(*) FILTER (WHERE x.fv #>> '{}' IN ('a_lot','to_some_extent','yes'))
      FROM pair
     CROSS JOIN LATERAL (
            SELECT bq.key AS q, bq.value AS bv, fq.value AS fv
              FROM jsonb_each(pair.ba) bq JOIN jsonb_each(pair.fa) fq ON fq.key = bq.key
            UNION ALL
            SELECT '#score', to_jsonb(pair.bs), to_jsonb(pair.fs)
             WHERE pair.bs IS NOT NULL AND pair.fs IS NOT NULL) x
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4
    ON CONFLICT (programme_id, template_id, answered_on, question_id)
    DO UPDATE SET pairs = p.pairs + excluded.pairs,
                  baseline_sum = p.baseline_sum + excluded.baseline_sum,
                  follow_up_sum = p.follow_up_sum + excluded.follow_up_sum,
                  baseline_positive = p.baseline_positive + excluded.baseline_positive,
                  follow_up_positive = p.follow_up_positive + excluded.follow_up_positive;
    RETURN NULL;
END
$$;
CREATE TRIGGER survey_rollup AFTER INSERT ON survey_responses
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION survey_rollup();
"""

DOWNGRADE = """
DROP TABLE survey_pair_sums;
DROP TABLE survey_answer_counts;
DROP TABLE survey_responses;
DROP FUNCTION survey_rollup();
DROP TABLE survey_templates;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
