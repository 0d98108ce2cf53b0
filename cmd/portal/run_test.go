package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer collects a command's output; serve writes its log from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// invocation is one run of the portal command with its own environment and output.
type invocation struct {
	env            environment
	stdout, stderr *lockedBuffer
}

// newInvocation gives run the variables listed and nothing of the real environment; files are real.
func newInvocation(vars map[string]string) invocation {
	inv := invocation{stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	inv.env = environment{
		getenv: func(name string) string { return vars[name] }, readFile: os.ReadFile,
		stdout: inv.stdout, stderr: inv.stderr,
	}
	return inv
}

func (inv invocation) run(args ...string) int {
	return run(context.Background(), inv.env, args)
}

func TestRun_WithoutACommandPrintsUsageAndExits2(t *testing.T) {
	inv := newInvocation(nil)
	if code := inv.run(); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.HasPrefix(inv.stdout.String(), "Usage: portal <command>") {
		t.Errorf("stdout %q, want the usage", inv.stdout)
	}
}

func TestRun_HelpPrintsUsageAndExits0EvenWithBadSettings(t *testing.T) {
	cases := map[string]struct {
		args []string
		want string
	}{
		"portal --help":              {[]string{"--help"}, "Usage: portal <command>"},
		"portal help":                {[]string{"help"}, "Usage: portal <command>"},
		"portal serve --help":        {[]string{"serve", "--help"}, "Usage: portal serve\n"},
		"portal serve -h":            {[]string{"serve", "-h"}, "Usage: portal serve\n"},
		"portal migrate --help":      {[]string{"migrate", "--help"}, "Usage: portal migrate\n"},
		"portal seed --help":         {[]string{"seed", "--help"}, "Usage: portal seed --demo\n"},
		"portal users --help":        {[]string{"users", "--help"}, "Usage: portal users invite --email EMAIL"},
		"portal users invite --help": {[]string{"users", "invite", "--help"}, "Usage: portal users invite --email EMAIL"},
		"portal programme --help":    {[]string{"programme", "--help"}, "Usage: portal programme init --name NAME"},
		"portal programme init -h":   {[]string{"programme", "init", "-h"}, "Usage: portal programme init --name NAME"},
		"portal tenants --help":      {[]string{"tenants", "--help"}, "Usage: portal tenants create --slug SLUG"},
		"portal tenants create -h":   {[]string{"tenants", "create", "--help"}, "Usage: portal tenants create --slug SLUG"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			inv := newInvocation(map[string]string{"PORTAL_ENV": "staging"})
			if code := inv.run(c.args...); code != 0 {
				t.Errorf("exit %d, want 0; stderr: %s", code, inv.stderr)
			}
			if !strings.HasPrefix(inv.stdout.String(), c.want) {
				t.Errorf("stdout %q, want it to start %q", inv.stdout, c.want)
			}
			if inv.stderr.String() != "" {
				t.Errorf("stderr %q, want nothing", inv.stderr)
			}
		})
	}
}

func TestRun_UsageMistakesExit2WithAMessage(t *testing.T) {
	cases := map[string]struct {
		args []string
		want string // in stderr
	}{
		"unknown command":          {[]string{"frobnicate"}, `portal: unknown command "frobnicate"`},
		"seed without --demo":      {[]string{"seed"}, "portal seed: usage: say what to seed: --demo"},
		"unknown flag":             {[]string{"migrate", "--force"}, "portal migrate: usage: flag provided but not defined: -force"},
		"unexpected argument":      {[]string{"serve", "now"}, `portal serve: usage: unexpected argument "now"`},
		"users without an action":  {[]string{"users"}, "portal users: usage: say what to do: invite"},
		"unknown users action":     {[]string{"users", "delete"}, `portal users: usage: unknown users command "delete"`},
		"programme without init":   {[]string{"programme"}, "portal programme: usage: say what to do: init"},
		"unknown programme action": {[]string{"programme", "frobnicate"}, `portal programme: usage: unknown programme command "frobnicate" (try init)`},
		"tenants without create":   {[]string{"tenants"}, "portal tenants: usage: say what to do: create"},
		"unknown tenants action":   {[]string{"tenants", "delete"}, `portal tenants: usage: unknown tenants command "delete" (try create)`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			inv := newInvocation(nil)
			if code := inv.run(c.args...); code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(inv.stderr.String(), c.want) {
				t.Errorf("stderr %q, want it to contain %q", inv.stderr, c.want)
			}
		})
	}
}

func TestRun_BadSettingPrintsExactlyOneConfigurationLineAndExits2(t *testing.T) {
	commands := [][]string{
		{"serve"}, {"migrate"}, {"seed", "--demo"},
		{"users", "invite", "--email", "a@b.example", "--tenant", "greater-manchester", "--role", "partnership_staff"},
		{"programme", "init", "--name", "IA", "--envelope", "1", "--from", "2023-24", "--to", "2023-24"},
		{"tenants", "create", "--slug", "x", "--name", "X", "--region", "TLD", "--lead-body", "X"},
	}
	settings := map[string]map[string]string{
		"PORTAL_ENV":          {"PORTAL_ENV": "staging"},
		"PORTAL_ADDR":         {"PORTAL_ADDR": "nonsense"},
		"PORTAL_DATABASE_URL": {"PORTAL_DATABASE_URL": "mysql://portal@db/portal"},
		"PORTAL_OIDC_ISSUER":  {"PORTAL_ENV": "production", "PORTAL_BASE_URL": "https://portal.example.gov.uk"},
	}
	for setting, vars := range settings {
		for _, args := range commands {
			t.Run(setting+" "+strings.Join(args[:1], " "), func(t *testing.T) {
				inv := newInvocation(vars)
				if code := inv.run(args...); code != 2 {
					t.Errorf("exit %d, want 2", code)
				}
				stderr := inv.stderr.String()
				if !strings.HasPrefix(stderr, "portal: configuration: "+setting+": ") || strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
					t.Errorf("stderr %q, want exactly one line \"portal: configuration: %s: …\"", stderr, setting)
				}
			})
		}
	}
}

func TestRun_SeedRefusesProduction(t *testing.T) {
	inv := newInvocation(vars(production, "PORTAL_DATABASE_URL", "sqlite:"+t.TempDir()+"/portal.db"))
	if code := inv.run("seed", "--demo"); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if want := "portal: configuration: PORTAL_ENV: demo data is not for production\n"; inv.stderr.String() != want {
		t.Errorf("stderr %q, want %q", inv.stderr, want)
	}
}
