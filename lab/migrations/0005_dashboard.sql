-- The lab's dashboard (`inclusion-map lab serve`) reads with a role that may only read. Create
-- its login with:
--   CREATE ROLE lab_dashboard LOGIN PASSWORD '…' IN ROLE inclusion_lab_reader;
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inclusion_lab_reader') THEN
        CREATE ROLE inclusion_lab_reader NOLOGIN;
    END IF;
END
$$;

REVOKE ALL ON feedback, usage_event, heartbeat, dataset, dataset_file FROM inclusion_lab_reader;
GRANT USAGE ON SCHEMA public TO inclusion_lab_reader;
GRANT SELECT ON feedback, usage_event, heartbeat, dataset, dataset_file, lab_migrations TO inclusion_lab_reader;

-- Each visit's start and end is announced on the "usage" channel (the live page counts visits).
CREATE FUNCTION usage_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind IN ('visit_start', 'visit_end') THEN
        PERFORM pg_notify('usage', json_build_object('kind', NEW.kind, 'kiosk', NEW.kiosk)::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER usage_announce AFTER INSERT ON usage_event
    FOR EACH ROW EXECUTE FUNCTION usage_announce();

-- What the dashboard's usage page counts, by kind and time.
CREATE INDEX usage_event_kind_minute ON usage_event (kind, minute);
