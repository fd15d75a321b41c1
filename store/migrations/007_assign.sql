-- Approval by assignment and the name-correction deadline (R10), and the
-- R11 guard for applications whose search could not run.
--
-- assign: sales support gives a public resource to the rep. When its
-- company key differs from the application's, the application stays
-- 'approved' with the name-correction deadline until the rep's identity
-- edit gives the company applied for ('assigned'), or the deadline passes
-- and the resource returns to the public sea ('lapsed'). entered_resource_id
-- names the resource an application ended in: entered or assigned.

ALTER TABLE applications DROP CONSTRAINT applications_state_check;
ALTER TABLE applications ADD CONSTRAINT applications_state_check
  CHECK (state IN ('pending', 'approved', 'rejected', 'entered', 'assigned', 'lapsed'));
ALTER TABLE applications ADD COLUMN assigned_epoch integer; -- the ownership epoch the assignment began
ALTER TABLE applications ADD COLUMN unprotected boolean NOT NULL DEFAULT false; -- R11: filed without its search
ALTER TABLE applications ADD CONSTRAINT applications_correction_names_resource
  CHECK (mode IS DISTINCT FROM 'assign' OR state <> 'approved' OR (entered_resource_id IS NOT NULL AND assigned_epoch IS NOT NULL));

-- At most one name correction is open per resource.
CREATE UNIQUE INDEX applications_open_correction ON applications (entered_resource_id)
  WHERE mode = 'assign' AND state = 'approved';
CREATE INDEX applications_resource ON applications (entered_resource_id) WHERE entered_resource_id IS NOT NULL;
