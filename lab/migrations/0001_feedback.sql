-- Visitors' feedback as the kiosks deliver it. One row per answer: the id is the UUID made on
-- the kiosk when the answer was created, so a re-sent batch inserts nothing twice.
CREATE TABLE feedback (
    id             uuid PRIMARY KEY,
    kiosk          text NOT NULL CHECK (char_length(kiosk) BETWEEN 1 AND 100),
    place          text,
    kind           text NOT NULL CHECK (kind IN ('avis', 'lieu_manquant')),
    answers        jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
    comment        text CHECK (char_length(comment) <= 280),
    created_at     timestamptz NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    app_version    text NOT NULL,
    schema_version integer NOT NULL CHECK (schema_version >= 1)
);

CREATE INDEX feedback_place ON feedback (place);
CREATE INDEX feedback_received ON feedback (received_at);
