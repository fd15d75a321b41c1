package devserver

import (
	"fmt"
	"log/slog"

	uiserver "github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	uioptions "github.com/temporalio/ui-server/v2/server/server_options"
)

// UI is the Temporal Web UI, served from the assets embedded in the
// github.com/temporalio/ui-server/v2 module.
type UI struct {
	srv     *uiserver.Server
	Address string
}

type staticConfig struct{ cfg *uiconfig.Config }

func (s staticConfig) GetConfig() (*uiconfig.Config, error) { return s.cfg, nil }

// StartUI serves the Web UI on port for the Temporal frontend at temporalAddr.
func StartUI(port int, temporalAddr, namespace string) *UI {
	cfg := &uiconfig.Config{
		Host: host, Port: port, TemporalGRPCAddress: temporalAddr, EnableUI: true,
		DefaultNamespace: namespace, HideLogs: true, DisableNewsFetch: true,
		CORS: uiconfig.CORS{CookieInsecure: true},
	}
	u := &UI{srv: uiserver.NewServer(uioptions.WithConfigProvider(staticConfig{cfg})),
		Address: fmt.Sprintf("http://%s:%d", host, port)}
	go func() {
		if err := u.srv.Start(); err != nil {
			slog.Error("temporal ui stopped", "err", err)
		}
	}()
	return u
}

// Stop closes the UI server.
func (u *UI) Stop() { u.srv.Stop() }
