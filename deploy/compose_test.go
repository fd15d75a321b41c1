// Package deploy holds what runs tide in production besides its binary:
// the Temporal server's dynamic configuration, and tests of the compose file
// at the repository's root.
package deploy

import (
	"os"
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
