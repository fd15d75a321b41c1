// Package deploy holds what runs tide in production besides its binary:
// the Temporal server's persistence settings and dynamic configuration,
// which docker-compose.yml at the repository's root and `tide dev
// -temporal-store postgres` share, and tests that keep the two the same.
package deploy

import _ "embed" // the dynamic configuration

// Temporal's persistence in the production shape: the server and its
// schema tool on PostgreSQL through this plugin, with these two databases,
// their schemas from the server release's own embedded files.
const (
	TemporalSQLPlugin          = "postgres12"
	TemporalDatabase           = "temporal"
	TemporalVisibilityDatabase = "temporal_visibility"
	TemporalSchema             = "postgresql/v12/temporal"
	TemporalVisibilitySchema   = "postgresql/v12/visibility"
	// TemporalHistoryShards is fixed when a cluster's database is first
	// used: it can never change afterwards.
	TemporalHistoryShards = 4
)

// TemporalDynamicConfig is the server's dynamic configuration
// (DYNAMIC_CONFIG_FILE_PATH in the compose file).
//
//go:embed temporal/dynamicconfig/development-sql.yaml
var TemporalDynamicConfig []byte
