-- The fleet: how visitors use the table (anonymous), which kiosks are alive and what they run,
-- and the place data published once for every kiosk.

-- One anonymous fact about a visit: no text typed, no position finer than a place id, no time
-- finer than the minute. `visit` is drawn at random when a visit begins and forgotten when it
-- ends: it groups one visit's events and links nothing else.
CREATE TABLE usage_event (
    id          uuid PRIMARY KEY,
    kiosk       text NOT NULL CHECK (char_length(kiosk) BETWEEN 1 AND 100),
    visit       uuid NOT NULL,
    step        integer NOT NULL CHECK (step >= 0),
    kind        text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
    detail      jsonb NOT NULL CHECK (jsonb_typeof(detail) = 'object'),
    minute      timestamptz NOT NULL CHECK (date_trunc('minute', minute) = minute),
    received_at timestamptz NOT NULL DEFAULT now(),
    app_version text NOT NULL
);

CREATE INDEX usage_event_minute ON usage_event (minute);
CREATE INDEX usage_event_visit ON usage_event (visit);

-- What a kiosk says of itself at every delivery round and at least every heartbeat interval.
CREATE TABLE heartbeat (
    id           uuid PRIMARY KEY,
    kiosk        text NOT NULL CHECK (char_length(kiosk) BETWEEN 1 AND 100),
    sent_at      timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    app_version  text NOT NULL,
    data_version integer,
    places       integer NOT NULL CHECK (places >= 0),
    pending      integer NOT NULL CHECK (pending >= 0),
    quarantined  integer NOT NULL CHECK (quarantined >= 0),
    uptime_s     bigint NOT NULL CHECK (uptime_s >= 0),
    interval_s   integer NOT NULL CHECK (interval_s > 0),
    last_error   text CHECK (char_length(last_error) <= 2000)
);

CREATE INDEX heartbeat_kiosk_received ON heartbeat (kiosk, received_at DESC);

-- Place data published once (`inclusion-map lab publish`); every kiosk takes the newest.
CREATE TABLE dataset (
    version      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    published_at timestamptz NOT NULL DEFAULT now(),
    sha256       text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    rows         integer NOT NULL CHECK (rows > 0),
    places       integer NOT NULL CHECK (places > 0),
    note         text
);

-- The files of a version as they were published: place files, and the town halls that place
-- rows without coordinates need.
CREATE TABLE dataset_file (
    version  integer NOT NULL REFERENCES dataset (version) ON DELETE CASCADE,
    position integer NOT NULL,
    name     text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    role     text NOT NULL CHECK (role IN ('places', 'town_halls')),
    content  bytea NOT NULL,
    PRIMARY KEY (version, position)
);

-- The kiosks add usage events and heartbeats, read the published data, and nothing else.
REVOKE ALL ON usage_event, heartbeat, dataset, dataset_file FROM PUBLIC;
REVOKE ALL ON usage_event, heartbeat, dataset, dataset_file FROM inclusion_kiosk;
GRANT INSERT ON usage_event, heartbeat TO inclusion_kiosk;
GRANT SELECT ON dataset, dataset_file TO inclusion_kiosk;
