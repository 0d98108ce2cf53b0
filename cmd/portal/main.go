// Command portal runs the Innovation Accelerator Portal and its operator tasks.
//
//	portal serve                    run the web portal
//	portal migrate                  apply database migrations
//	portal seed --demo              add the demo programme, accelerators and users
//	portal programme init --name N --envelope E --from Y --to Y
//	portal tenants create --slug S --name N --region R --lead-body B [--reference-prefix P]
//	portal users invite --email E --tenant T --role R [--provider P]
//	portal audit verify             check the audit trail's hash chains
//
// Settings come from the environment (PORTAL_ENV, PORTAL_ADDR, PORTAL_BASE_URL, PORTAL_DATABASE_URL,
// PORTAL_OIDC_ISSUER, PORTAL_OIDC_CLIENT_ID, PORTAL_OIDC_CLIENT_SECRET, PORTAL_CONFIG); a bad one stops the
// command with one line naming it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Usage: portal <command> [options]

Commands:
  serve           run the web portal
  migrate         apply database migrations
  seed --demo     add the demo programme, accelerators and users (development)
  programme init  set up the programme and its central tenant
  tenants create  add an accelerator to the programme
  users invite    invite a person to a tenant with a role
  audit verify    check that the audit trail is as the portal wrote it

Run "portal <command> --help" for a command's options.
`

// command is one subcommand: its flags and what it does.
type command struct {
	summary string
	run     func(ctx context.Context, env environment, args []string) error
}

var commands = map[string]command{
	"serve":     {"Run the web portal.", runServe},
	"migrate":   {"Apply pending database migrations.", runMigrate},
	"seed":      {"Add demo data.", runSeed},
	"users":     {"Manage users: users invite --email E --tenant T --role R [--provider P].", runUsers},
	"programme": {"Set up the programme: programme init --name N --envelope E --from Y --to Y.", runProgramme},
	"tenants":   {"Add accelerators: tenants create --slug S --name N --region R --lead-body B.", runTenants},
	"audit":     {"Check the audit trail: audit verify.", runAudit},
}

// environment is what a command may read from the process: kept in one value so that nothing else reads
// the environment or writes to the terminal directly.
type environment struct {
	getenv   func(string) string
	readFile func(string) ([]byte, error)
	stdout   io.Writer
	stderr   io.Writer
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	env := environment{getenv: os.Getenv, readFile: os.ReadFile, stdout: os.Stdout, stderr: os.Stderr}
	code := run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and turns its error into an exit code: 2 for bad usage or settings.
func run(ctx context.Context, env environment, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(env.stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "portal: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	var settingErr *settingError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &settingErr):
		fmt.Fprintf(env.stderr, "portal: configuration: %v\n", err)
		return 2
	case errors.Is(err, errUsage):
		fmt.Fprintf(env.stderr, "portal %s: %v\n", args[0], err)
		return 2
	case errors.Is(err, errAuditBroken):
		return 1
	}
	fmt.Fprintf(env.stderr, "portal %s: %v\n", args[0], err)
	return 1
}

var errUsage = errors.New("usage")

// newFlags returns a flag set that prints its help to the command's output and reports errors, not exits.
func newFlags(env environment, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stdout, "Usage: portal %s\n\n", synopsis)
		fs.SetOutput(env.stdout)
		fs.PrintDefaults()
		fs.SetOutput(env.stderr)
	}
	return fs
}

// parseFlags parses a command's arguments; a usage mistake becomes errUsage with the reason.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return nil
}
