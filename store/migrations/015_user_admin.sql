-- Users as admins manage them (#16): a password an admin set (a new user's,
-- a reset) must be changed by its user at the next sign-in before anything
-- else; an assistant serves the reps an admin assigns.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

CREATE TABLE assistant_reps (
	assistant_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
	rep_id       bigint NOT NULL REFERENCES users ON DELETE CASCADE,
	PRIMARY KEY (assistant_id, rep_id)
);

-- A session relies on the flag: the cached sessions of its user must go.
DROP TRIGGER users_changed ON users;
CREATE TRIGGER users_changed AFTER UPDATE OF username, name, role, password_hash, email, mobile,
	trade_manager_id, confirmed_at, disabled_at, must_change_password ON users
	FOR EACH ROW EXECUTE FUNCTION tide_user_changed();
