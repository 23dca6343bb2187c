-- Each new answer is announced on the "feedback" channel, for `inclusion-map lab report --follow`.
CREATE FUNCTION feedback_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('feedback', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER feedback_announce AFTER INSERT ON feedback
    FOR EACH ROW EXECUTE FUNCTION feedback_announce();
