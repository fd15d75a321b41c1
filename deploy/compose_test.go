package deploy

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type compose struct {
	Services map[string]struct {
		Ports       []string          `yaml:"ports"`
		Environment map[string]string `yaml:"environment"`
	} `yaml:"services"`
}

// The Temporal Web UI has no authentication: it was published on every
// interface with write actions on, so anyone reaching the host could
// terminate the workflows that keep tide's deadlines. It must listen on
// loopback only and be read-only.
func TestTemporalUIIsLoopbackAndReadOnly(t *testing.T) {
	raw, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c compose
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	ui, ok := c.Services["temporal-ui"]
	if !ok {
		t.Fatal("no temporal-ui service")
	}
	if len(ui.Ports) == 0 {
		t.Error("the UI publishes no port: then this test guards nothing; remove it with the service")
	}
	for _, p := range ui.Ports {
		if !strings.HasPrefix(p, "127.0.0.1:") {
			t.Errorf("temporal-ui publishes %q: bind it to 127.0.0.1", p)
		}
	}
	if ui.Environment["TEMPORAL_DISABLE_WRITE_ACTIONS"] != "true" {
		t.Errorf("temporal-ui write actions: TEMPORAL_DISABLE_WRITE_ACTIONS=%q, want true", ui.Environment["TEMPORAL_DISABLE_WRITE_ACTIONS"])
	}
	for name, s := range c.Services {
		for _, p := range s.Ports {
			if name != "tide-api" && !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("%s publishes %q on every interface; only the API is meant to be reachable", name, p)
			}
		}
	}
}

// `tide dev -temporal-store postgres` and the compose file run Temporal the
// same way: the same SQL plugin for the server and its schema tool, the same
// two databases, schemas from the same embedded directories, the same
// number of history shards and the same dynamic configuration file.
func TestDevAndComposeShareTemporalsConfiguration(t *testing.T) {
	raw, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Environment map[string]any `yaml:"environment"`
			Command     []string       `yaml:"command"`
			Volumes     []string       `yaml:"volumes"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	server, tools := c.Services["temporal"], c.Services["temporal-admin-tools"]
	if got := server.Environment["DB"]; got != TemporalSQLPlugin {
		t.Errorf("temporal's DB=%v, the dev option's plugin %s", got, TemporalSQLPlugin)
	}
	if got := server.Environment["NUM_HISTORY_SHARDS"]; got != TemporalHistoryShards {
		t.Errorf("temporal's NUM_HISTORY_SHARDS=%v, the dev option's %d", got, TemporalHistoryShards)
	}
	script := strings.Join(tools.Command, "\n")
	for _, want := range []string{
		"--plugin " + TemporalSQLPlugin,
		"--db " + TemporalDatabase + " create", "--db " + TemporalDatabase + " setup-schema -v 0.0",
		"--db " + TemporalVisibilityDatabase + " create", "--db " + TemporalVisibilityDatabase + " setup-schema -v 0.0",
		"schema=/etc/temporal/schema/" + strings.TrimSuffix(TemporalSchema, "/temporal"),
		`update-schema -d "$$schema/temporal/versioned"`, `update-schema -d "$$schema/visibility/versioned"`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the schema job does not %q:\n%s", want, script)
		}
	}
	if !strings.HasSuffix(TemporalVisibilitySchema, "/visibility") || strings.TrimSuffix(TemporalVisibilitySchema, "/visibility") != strings.TrimSuffix(TemporalSchema, "/temporal") {
		t.Errorf("schemas %s and %s are not one directory's", TemporalSchema, TemporalVisibilitySchema)
	}
	path, _ := server.Environment["DYNAMIC_CONFIG_FILE_PATH"].(string)
	mounted := false
	for _, v := range server.Volumes {
		if strings.HasPrefix(v, "./deploy/temporal/dynamicconfig:") && strings.HasPrefix(path, strings.Split(v, ":")[1]+"/") {
			mounted = true
		}
	}
	file, err := os.ReadFile("temporal/dynamicconfig/" + filepath.Base(path))
	if err != nil || !mounted {
		t.Fatalf("temporal's dynamic config %q is not deploy/temporal/dynamicconfig's (%v)", path, err)
	}
	if string(file) != string(TemporalDynamicConfig) {
		t.Error("the dev option embeds another dynamic configuration than the compose file mounts")
	}
}

// `docker compose config` accepts the compose file, where Docker Compose is
// installed (these CI machines have a docker client without the compose
// plugin: there the test says so and skips).
func TestComposeConfigParses(t *testing.T) {
	if err := exec.Command("docker", "compose", "version").Run(); err != nil {
		t.Skip("docker compose is not installed here: run `docker compose config -q` at the repository's root where it is")
	}
	out, err := exec.Command("docker", "compose", "-f", "../docker-compose.yml", "config", "-q").CombinedOutput()
	if err != nil {
		t.Fatalf("docker compose config: %v\n%s", err, out)
	}
}
