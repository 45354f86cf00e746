"""Partner directory: organisation profiles, offers and opportunities, and their search.

Search runs on columns a trigger keeps current from the public fields: `search` (the
full-text document, English stemming, title weighted over description), `earth` (the point
as an earthdistance cube, GiST indexed, so a radius search is an index scan) and `open_days`
(the weekdays a schedule covers). The same trigger adds the row's words to `search_words`,
the vocabulary that typos in a query are corrected against (directory_correct). The
trigger, not the application, owns them, so no write path can forget them.

Revision ID: 0002_directory
Revises: 0001_foundation
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from app.migration_sql import run

revision: str = "0002_directory"
down_revision: str | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns both organisations and listings carry for the directory.
PLACE = (
    "address_line  text CHECK (length(address_line) <= 200)",
    "town          text CHECK (length(town) <= 100)",
    "postcode      text CHECK (length(postcode) <= 10)",
    "latitude      double precision CHECK (latitude BETWEEN -90 AND 90)",
    "longitude     double precision CHECK (longitude BETWEEN -180 AND 180)",
    "earth         cube",
    "accessibility text[] NOT NULL DEFAULT '{}'",
    "categories    text[] NOT NULL DEFAULT '{}'",
    "open_days     text[] NOT NULL DEFAULT '{}'",
    "search        tsvector NOT NULL DEFAULT ''::tsvector",
    "updated_at    timestamptz NOT NULL DEFAULT now()",
)
POINT = "CHECK ((latitude IS NULL) = (longitude IS NULL))"
# Fixed for ever: Open Referral consumers key their copies on the UUIDs derived from it.
OPENREFERRAL_NAMESPACE = "5aba589d-ec67-5e01-a99c-1d5b4922a7a5"


def _indexes(table: str) -> str:
    return f"""
CREATE INDEX {table}_earth ON {table} USING gist (earth);
CREATE INDEX {table}_search ON {table} USING gin (search);
CREATE INDEX {table}_categories ON {table} USING gin (categories);
CREATE INDEX {table}_updated ON {table} (updated_at, id);
"""


def _trigger(table: str, *, title: str, schedule: str) -> str:
    """Keeps a directory table's derived search columns, and teaches search_words its words."""
    return f"""
CREATE FUNCTION {table}_directory() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT d.earth, d.search, d.open_days
      INTO NEW.earth, NEW.search, NEW.open_days
      FROM directory_derive(NEW.{title}, NEW.description, NEW.town, NEW.categories,
                            NEW.latitude, NEW.longitude, NEW.{schedule}) d;
    IF TG_OP = 'INSERT' OR NEW.search IS DISTINCT FROM OLD.search THEN
        PERFORM directory_learn(ARRAY[NEW.{title}, NEW.description, NEW.town,
                                      array_to_string(NEW.categories, ' ')]);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER {table}_directory BEFORE INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_directory();
"""


UPGRADE = f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- The UUID the Open Referral feed gives our object `key` as an HSDS `kind`: SHA-256 of a
-- fixed namespace and "kind:key", cut to 128 bits with the RFC 9562 version 8 and variant
-- bits (app/services/openreferral.py: hsds_id computes the same in Python). In SQL because
-- `/services/{{uuid}}` must find its listing by an indexed column; not uuid5, because SHA-1
-- needs pgcrypto or uuid-ossp, which the embedded PostgreSQL does not ship. IMMUTABLE: the
-- keys are ASCII ids, so convert_to (STABLE only for its encoding lookup) cannot vary.
CREATE FUNCTION directory_uuid(p_kind text, p_key text) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(set_byte(set_byte(h, 6, (get_byte(h, 6) & 15) | 128),
                           8, (get_byte(h, 8) & 63) | 128), 'hex')::uuid
      FROM (SELECT substring(sha256(decode('{OPENREFERRAL_NAMESPACE.replace("-", "")}', 'hex')
                                    || convert_to(p_kind || ':' || p_key, 'UTF8'))
                             FROM 1 FOR 16) AS h) AS digest
$$;

-- Every word the directory holds: a typo in a search is corrected to the nearest of these
-- (directory_correct), then full-text search runs on the corrected words. Matching each
-- row by trigrams instead costs a similarity computation per candidate row.
-- No unique constraint, on purpose: a unique word would make two writers adding the same
-- new words wait on each other (and deadlock when they add them in different orders).
-- Two concurrent writers may each add a word: a harmless duplicate.
CREATE TABLE search_words (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    word text NOT NULL
);
CREATE INDEX search_words_word ON search_words (word);
CREATE INDEX search_words_trgm ON search_words USING gist (word gist_trgm_ops);

CREATE FUNCTION directory_learn(p_texts text[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_words (word)
    SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector('simple',
               replace(array_to_string(p_texts, ' '), '_', ' ')))) w
     WHERE w ~ '^[[:alpha:]]{{3,40}}$'
       AND NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word = w)
$$;

-- The query with each unknown word replaced by the nearest known one (by edit distance
-- among the most trigram-similar), so "swiming" searches for "swimming". Words in quotes
-- or with operators (websearch syntax) are left as they are.
CREATE FUNCTION directory_correct(q text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(CASE
        WHEN t.token !~ '^[[:alpha:]]{{3,40}}$' THEN t.token
        ELSE coalesce(
            (SELECT w.word FROM search_words w WHERE w.word = lower(t.token) LIMIT 1),
            (SELECT c.word FROM (SELECT w.word FROM search_words w
                                  ORDER BY w.word <-> lower(t.token) LIMIT 8) c
              WHERE similarity(c.word, lower(t.token)) >= 0.2
              ORDER BY levenshtein(c.word, lower(t.token)),
                       similarity(c.word, lower(t.token)) DESC, c.word
              LIMIT 1),
            t.token)
        END, ' ' ORDER BY t.n)
      FROM regexp_split_to_table(q, '\s+') WITH ORDINALITY AS t(token, n)
     WHERE t.token <> ''
$$;

-- The derived search columns, from whichever public fields the row has.
CREATE FUNCTION directory_derive(
    p_title text, p_description text, p_town text, p_categories text[],
    p_latitude double precision, p_longitude double precision, p_schedule jsonb,
    OUT earth cube, OUT search tsvector, OUT open_days text[]
) LANGUAGE plpgsql STABLE AS $$
BEGIN
    earth := CASE WHEN p_latitude IS NULL THEN NULL
                  ELSE ll_to_earth(p_latitude, p_longitude) END;
    search := setweight(to_tsvector('english', coalesce(p_title, '')), 'A')
           || setweight(to_tsvector('english', array_to_string(p_categories, ' ')), 'B')
           || setweight(to_tsvector('english', coalesce(p_description, '')), 'C')
           || setweight(to_tsvector('english', coalesce(p_town, '')), 'D');
    open_days := ARRAY(SELECT DISTINCT d FROM jsonb_array_elements(p_schedule) s,
                       LATERAL (SELECT s->>'day' AS d) x ORDER BY d);
END $$;

ALTER TABLE organisations
    ADD COLUMN description   text CHECK (length(description) <= 4000),
    ADD COLUMN website       text CHECK (length(website) <= 500),
    ADD COLUMN public_email  text CHECK (length(public_email) <= 254),
    ADD COLUMN public_phone  text CHECK (length(public_phone) <= 30),
    ADD COLUMN logo_url      text CHECK (length(logo_url) <= 500),
    ADD COLUMN opening_hours jsonb NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(opening_hours) = 'array'),
    {", ".join("ADD COLUMN " + c for c in PLACE)},
    ADD CONSTRAINT organisations_point {POINT};

{_trigger("organisations", title="name", schedule="opening_hours")}
UPDATE organisations SET updated_at = updated_at;
{_indexes("organisations")}

-- Offers (a spend partner's: what credits buy) and opportunities (an earn partner's:
-- volunteering roles) share one table, one set of fields and one search.
CREATE TABLE listings (
    id              text PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('offer', 'opportunity')),
    organisation_id text NOT NULL REFERENCES organisations (id),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text CHECK (length(description) <= 4000),
    schedule        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(schedule) = 'array'),
    valid_from      date,
    valid_until     date CHECK (valid_until IS NULL OR valid_from IS NULL
                                OR valid_until >= valid_from),
    capacity        integer CHECK (capacity > 0),
    price           bigint CHECK (price > 0),
    commitment      text CHECK (length(commitment) <= 200),
    -- The location follows the organisation's until the listing is given its own.
    own_location    boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    archived_at     timestamptz,
    {", ".join(PLACE)},
    CONSTRAINT listings_point {POINT},
    -- The listing's Open Referral service UUID: a hash cannot be reversed, so the feed
    -- finds `/services/{{uuid}}` by this column.
    service_uuid    uuid NOT NULL UNIQUE
                    GENERATED ALWAYS AS (directory_uuid('service', id)) STORED,
    -- Offers carry a price in credits (hundredths); opportunities never do.
    CONSTRAINT listings_price CHECK ((kind = 'offer') = (price IS NOT NULL))
);
CREATE INDEX listings_organisation ON listings (organisation_id, created_at);
-- The A-Z order of a search without `q`, `near` or `updated_since`.
CREATE INDEX listings_title ON listings (kind, lower(title), id);
-- Near searches read one kind of live listing: a GiST index each, half the rows apiece.
CREATE INDEX listings_offer_earth ON listings USING gist (earth)
    WHERE kind = 'offer' AND archived_at IS NULL;
CREATE INDEX listings_opportunity_earth ON listings USING gist (earth)
    WHERE kind = 'opportunity' AND archived_at IS NULL;
{_indexes("listings")}

{_trigger("listings", title="title", schedule="schedule")}
"""

DOWNGRADE = """
DROP TABLE listings;
DROP FUNCTION listings_directory;
DROP TRIGGER organisations_directory ON organisations;
DROP FUNCTION organisations_directory;
ALTER TABLE organisations
    DROP COLUMN description, DROP COLUMN website, DROP COLUMN public_email,
    DROP COLUMN public_phone, DROP COLUMN logo_url, DROP COLUMN opening_hours,
    DROP COLUMN address_line, DROP COLUMN town, DROP COLUMN postcode, DROP COLUMN latitude,
    DROP COLUMN longitude, DROP COLUMN earth, DROP COLUMN accessibility, DROP COLUMN categories,
    DROP COLUMN open_days, DROP COLUMN search, DROP COLUMN updated_at;
DROP FUNCTION directory_derive;
DROP FUNCTION directory_uuid;
DROP FUNCTION directory_correct;
DROP FUNCTION directory_learn;
DROP TABLE search_words;
DROP EXTENSION IF EXISTS earthdistance;
DROP EXTENSION IF EXISTS cube;
DROP EXTENSION IF EXISTS pg_trgm;
DROP EXTENSION IF EXISTS fuzzystrmatch;
"""


def upgrade() -> None:
    run(UPGRADE)


def downgrade() -> None:
    run(DOWNGRADE)
