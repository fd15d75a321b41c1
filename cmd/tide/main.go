// Command tide runs the tide service.
//
//	tide dev       the whole system in one process (embedded Temporal + UI, worker, API)
//	tide api       the HTTP API against external PostgreSQL and Temporal
//	tide worker    the Temporal worker against external PostgreSQL and Temporal
//	tide migrate   apply (up) or show (status) database migrations
//	tide user      create, disable, enable, reset the password of, or list users
//	tide namekey   company keys of names on stdin
//	tide phone     normal forms of numbers on stdin
//
// Every flag has an environment equivalent (TIDE_…); `tide <command> -help`
// lists them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/tide-crm/tide/config"
)

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string) error
}

var commands = []command{
	{"dev", "run the whole system in one process on embedded defaults", runDev},
	{"api", "run the HTTP API against external PostgreSQL and Temporal", runAPI},
	{"worker", "run the Temporal worker against external PostgreSQL and Temporal", runWorker},
	{"migrate", "migrate the database: migrate up | migrate status", runMigrate},
	{"user", "manage users: user create | disable | enable | reset-password | list", runUser},
	{"namekey", "print the company key and name parts of each name on stdin", runNamekey},
	{"phone", "print the normal form of each number on stdin", runPhone},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "tide:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage()
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:])
		}
	}
	usage()
	return fmt.Errorf("unknown command %q", args[0])
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: tide <command> [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(os.Stderr, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(os.Stderr, "\n`tide <command> -help` lists a command's flags and their environment variables.")
}

// parse registers the groups' flags for a subcommand, parses args and sets
// up the structured logger.
func parse(name, synopsis string, sets config.Set, args []string, extra ...func(*flag.FlagSet)) (*config.Config, *flag.FlagSet, error) {
	fs := flag.NewFlagSet("tide "+name, flag.ContinueOnError)
	cfg := config.Register(fs, sets)
	for _, add := range extra {
		add(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: tide %s\n\n%s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if err := cfg.Err(); err != nil {
		return nil, nil, err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		return nil, nil, fmt.Errorf("log level: %w", err)
	}
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level})))
	return cfg, fs, nil
}

func regionFlag(fs *flag.FlagSet) {
	fs.String("region", "", "the region of a bare local number, e.g. 苏州")
}
