-- Sessions are verified from a short-lived cache in every api process; these
-- triggers tell every process, at the commit, which users' cached sessions
-- no longer hold: a session ended (logout, logout everywhere, a password
-- change, a disabling, the expiry sweep) or a user's row changed in what a
-- request relies on (role, name, password, disabling …). A process that
-- receives "tide_sessions" with a user id drops that user's cached sessions.
-- Any writer triggers it, the `tide user` command and hand-written SQL too.
CREATE FUNCTION tide_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('tide_sessions', e.user_id::text) FROM (SELECT DISTINCT user_id FROM ended) e;
	RETURN NULL;
END $$;

CREATE TRIGGER sessions_ended AFTER DELETE ON sessions
	REFERENCING OLD TABLE AS ended FOR EACH STATEMENT EXECUTE FUNCTION tide_sessions_ended();

CREATE FUNCTION tide_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('tide_sessions', NEW.id::text);
	RETURN NULL;
END $$;

-- Not on held, the capacity counter every move updates: a request does not
-- read it from the session.
CREATE TRIGGER users_changed AFTER UPDATE OF username, name, role, password_hash, email, mobile,
	trade_manager_id, confirmed_at, disabled_at ON users
	FOR EACH ROW EXECUTE FUNCTION tide_user_changed();
