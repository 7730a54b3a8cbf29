-- Review counts per agent (review_count), kept by triggers in the transaction of every trail insert
-- and every review state change: the navigation reads a handful of rows instead of counting the trail.
CREATE FUNCTION review_count_on_trail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO review_count (user_id, changes) VALUES (NEW.user_id, 1)
  ON CONFLICT (user_id) DO UPDATE SET changes = review_count.changes + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER trail_review_count AFTER INSERT ON trail FOR EACH ROW EXECUTE FUNCTION review_count_on_trail_insert();
--> statement-breakpoint
CREATE FUNCTION review_count_on_state_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_state text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END;
BEGIN
  IF old_state IS NOT DISTINCT FROM NEW.state THEN
    RETURN NULL;
  END IF;
  UPDATE review_count SET
    reviewed = reviewed + (CASE WHEN NEW.state = 'reviewed' THEN 1 ELSE 0 END) - (CASE WHEN old_state = 'reviewed' THEN 1 ELSE 0 END),
    flagged = flagged + (CASE WHEN NEW.state = 'flagged' THEN 1 ELSE 0 END) - (CASE WHEN old_state = 'flagged' THEN 1 ELSE 0 END)
  WHERE user_id = (SELECT user_id FROM trail WHERE id = NEW.trail_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER trail_review_state_count AFTER INSERT OR UPDATE OF state ON trail_review FOR EACH ROW EXECUTE FUNCTION review_count_on_state_change();
--> statement-breakpoint
-- Rows written before this migration.
INSERT INTO review_count (user_id, changes, reviewed, flagged)
SELECT t.user_id, count(*)::int, (count(*) FILTER (WHERE r.state = 'reviewed'))::int, (count(*) FILTER (WHERE r.state = 'flagged'))::int
FROM trail t LEFT JOIN trail_review r ON r.trail_id = t.id
GROUP BY t.user_id
ON CONFLICT (user_id) DO NOTHING;
