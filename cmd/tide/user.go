package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/config"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/store"
)

const userSynopsis = `tide user create -username NAME -name "Display Name" -role ROLE [-password-stdin]
tide user disable -username NAME     (their sessions end at once)
tide user enable -username NAME
tide user reset-password -username NAME [-password-stdin]   (every session ends)
tide user list

Roles: rep, assistant, support, admin. Without -password-stdin a random password
is made and printed once; with it, the first line of stdin is the password
(at least 8 characters, at most 72 bytes, not the username).`

// runUser manages users from the command line, through the same service as
// the API: the first admin of a production database is made this way.
func runUser(ctx context.Context, args []string) error {
	var username, name, role, verb string
	var fromStdin bool
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		verb, args = args[0], args[1:]
	}
	cfg, fs, err := parse("user", userSynopsis, config.Database, args, func(fs *flag.FlagSet) {
		fs.StringVar(&username, "username", "", "the user's sign-in name")
		fs.StringVar(&name, "name", "", "the user's display name (create)")
		fs.StringVar(&role, "role", "", "rep, assistant, support or admin (create)")
		fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of stdin")
	})
	if err != nil {
		return err
	}
	if verb != "list" && verb != "" && username == "" {
		return errors.New("-username is required: tide user " + verb + " -username NAME")
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("%w (is PostgreSQL at TIDE_DATABASE_URL up and migrated? tide migrate up)", err)
	}
	defer st.Close()
	svc := &account.Service{Store: st}
	switch verb {
	case "create":
		pass, made, err := password(fromStdin, os.Stdin)
		if err != nil {
			return err
		}
		u, err := svc.CreateUser(ctx, nil, account.NewUser{Username: username, Name: name, Role: role, Password: pass})
		if err != nil {
			return explain(err)
		}
		fmt.Printf("created %s (%s, id %d)\n", u.Username, u.Role, u.ID)
		if made {
			fmt.Printf("password: %s\n(shown once; the user changes it with PUT /api/v1/me/password)\n", pass)
		}
	case "disable", "enable":
		u, err := svc.SetDisabled(ctx, nil, username, verb == "disable")
		if err != nil {
			return explain(err)
		}
		fmt.Printf("%sd %s\n", verb, u.Username)
	case "reset-password":
		pass, made, err := password(fromStdin, os.Stdin)
		if err != nil {
			return err
		}
		if err := svc.ResetPassword(ctx, nil, username, pass); err != nil {
			return explain(err)
		}
		fmt.Printf("password of %s reset; every session of %s ended\n", username, username)
		if made {
			fmt.Printf("password: %s\n", pass)
		}
	case "list":
		users, err := st.ListUsers(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tUSERNAME\tNAME\tROLE\tSTATE")
		for _, u := range users {
			state := "enabled"
			if u.DisabledAt != nil {
				state = "disabled since " + u.DisabledAt.Format("2006-01-02")
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Username, u.Name, u.Role, state)
		}
		return w.Flush()
	default:
		fs.Usage()
		return fmt.Errorf("tide user needs create, disable, enable, reset-password or list, not %q", verb)
	}
	return nil
}

// password reads the password from the first line of r, or makes one.
func password(fromStdin bool, r io.Reader) (pass string, made bool, err error) {
	if !fromStdin {
		pass, err = auth.NewPassword()
		return pass, true, err
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, err
	}
	return strings.TrimRight(line, "\r\n"), false, nil
}

// explain writes a refusal for a person at a terminal: the detail and each
// offending field.
func explain(err error) error {
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Kind == fault.Internal {
		return err
	}
	msg := fe.Detail
	for _, f := range fe.Fields {
		msg += "\n  -" + f.Field + ": " + f.Reason
	}
	return errors.New(msg)
}
