-- Kiosks log in with a role that belongs to inclusion_kiosk: it can add feedback and nothing else
-- (no SELECT, UPDATE or DELETE). Create a kiosk's login with:
--   CREATE ROLE kiosk_lille_01 LOGIN PASSWORD '…' IN ROLE inclusion_kiosk;
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inclusion_kiosk') THEN
        CREATE ROLE inclusion_kiosk NOLOGIN;
    END IF;
END
$$;

REVOKE ALL ON feedback FROM PUBLIC;
REVOKE ALL ON feedback FROM inclusion_kiosk;
GRANT USAGE ON SCHEMA public TO inclusion_kiosk;
GRANT INSERT ON feedback TO inclusion_kiosk;
