package main

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// firstDeployment are the README's production set-up steps, as an operator types them.
var firstDeployment = []struct {
	args   []string
	stdout string // the start of what the step prints
}{
	{[]string{"migrate"}, ""},
	{[]string{"programme", "init", "--name", "Innovation Accelerators", "--envelope", "100,000,000", "--from", "2023-24", "--to", "2025-26"},
		"Programme \"Innovation Accelerators\" created: envelope £100,000,000.00, financial years 2023-24 to 2025-26\n" +
			"Central tenant \"central\" (Central government) created"},
	{[]string{"tenants", "create", "--slug", "greater-manchester", "--name", "Greater Manchester", "--region", "TLD", "--lead-body", "Greater Manchester Combined Authority"},
		"Accelerator \"Greater Manchester\" (greater-manchester) created: region North West (England), reference prefix GM\n"},
	{[]string{"tenants", "create", "--slug", "glasgow-city-region", "--name", "Glasgow City Region", "--region", "TLM", "--lead-body", "Glasgow City Council", "--reference-prefix", "gla"},
		"Accelerator \"Glasgow City Region\" (glasgow-city-region) created: region Scotland, reference prefix GLA\n"},
	{[]string{"users", "invite", "--email", "admin@example.gov.uk", "--tenant", "central", "--role", "programme_admin", "--provider", "oidc"},
		"Invited admin@example.gov.uk as Programme administrator"},
}

// TestRun_FirstProductionDeploymentIsSetUpFromTheCommandLineAndRunningItAgainChangesNothing follows the
// README's first deployment in production, twice: the second run says nothing changed and stores nothing.
func TestRun_FirstProductionDeploymentIsSetUpFromTheCommandLineAndRunningItAgainChangesNothing(t *testing.T) {
	forEachDatabaseURL(t, func(t *testing.T, database map[string]string) {
		settings := inProduction(database)
		for _, step := range firstDeployment {
			inv := newInvocation(settings)
			if code := inv.run(step.args...); code != 0 {
				t.Fatalf("portal %s: exit %d; stderr:\n%s", strings.Join(step.args, " "), code, inv.stderr)
			}
			if !strings.HasPrefix(inv.stdout.String(), step.stdout) {
				t.Errorf("portal %s: stdout %q, want it to start %q", strings.Join(step.args, " "), inv.stdout, step.stdout)
			}
		}
		counts := tenantsAndAudit(t, database)
		again := map[string]string{
			"programme": "Programme \"Innovation Accelerators\" is already set up with envelope £100,000,000.00, financial years 2023-24 to 2025-26: nothing changed\n",
			"tenants":   "already exists as given: nothing changed\n",
		}
		for _, step := range firstDeployment[1:4] {
			inv := newInvocation(settings)
			if code := inv.run(step.args...); code != 0 {
				t.Fatalf("again: portal %s: exit %d; stderr:\n%s", strings.Join(step.args, " "), code, inv.stderr)
			}
			if want := again[step.args[0]]; !strings.HasSuffix(inv.stdout.String(), want) {
				t.Errorf("again: portal %s: stdout %q, want it to end %q", strings.Join(step.args, " "), inv.stdout, want)
			}
		}
		if after := tenantsAndAudit(t, database); after != counts {
			t.Errorf("running the set-up again changed the tenants or the audit trail: %v, then %v", counts, after)
		}
	})
}

// inProduction is a production configuration on the database given.
func inProduction(database map[string]string) map[string]string {
	settings := vars(production)
	maps.Copy(settings, database)
	return settings
}

// tenantsAndAudit counts the tenants and audit events in the database, past row-level security.
func tenantsAndAudit(t *testing.T, database map[string]string) [2]int64 {
	t.Helper()
	db, err := models.Open(context.Background(), database["PORTAL_DATABASE_URL"], nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	su := modeltest.Superuser(t, db)
	var counts [2]int64
	for i, table := range []string{"tenants", "audit_events"} {
		if err := su.Table(table).Count(&counts[i]).Error; err != nil {
			t.Fatal(err)
		}
	}
	return counts
}

// TestRun_SetUpCommandsRefuseBadInputWithOneLineNamingTheFlag gives each set-up command a mistake: it
// exits 2 (usage) or 1 (the database disagrees) with one line saying what to change, and stores nothing.
func TestRun_SetUpCommandsRefuseBadInputWithOneLineNamingTheFlag(t *testing.T) {
	forEachDatabaseURL(t, func(t *testing.T, database map[string]string) {
		settings := inProduction(database)
		init := firstDeployment[1].args
		gm := firstDeployment[2].args
		if code := newInvocation(settings).run("tenants", "create", "--slug", "x", "--name", "X", "--region", "TLD", "--lead-body", "X"); code != 1 {
			t.Errorf("an accelerator before the programme: exit %d, want 1", code)
		}
		for _, step := range firstDeployment[:3] {
			if code := newInvocation(settings).run(step.args...); code != 0 {
				t.Fatalf("portal %s: exit %d", strings.Join(step.args, " "), code)
			}
		}
		before := tenantsAndAudit(t, database)
		cases := map[string]struct {
			args []string
			code int
			want string // the last line of stderr
		}{
			"envelope not money":        {replaced(init, "--envelope", "a lot"), 2, "portal programme: usage: --envelope: Enter an amount in pounds using numbers only, like 1250000 or 1,250,000.00"},
			"envelope of nothing":       {replaced(init, "--envelope", "0"), 2, "portal programme: usage: --envelope: Enter an envelope of more than £0"},
			"years the wrong way":       {replaced(init, "--to", "2022-23"), 2, "portal programme: usage: --to: The last financial year must be the same as or after the first"},
			"a year that is not one":    {replaced(init, "--from", "2023"), 2, "portal programme: usage: --from: Enter the first financial year as two years, like 2023-24"},
			"a second programme":        {replaced(init, "--name", "Levelling Up Fund"), 1, `portal programme: The portal already runs the programme "Innovation Accelerators", and runs only one.`},
			"no slug":                   {replaced(gm, "--slug", ""), 2, "portal tenants: usage: --slug: give the accelerator's short name, like greater-manchester"},
			"a slug of capitals":        {replaced(replaced(gm, "--slug", "Liverpool City"), "--name", "Liverpool City Region"), 2, "portal tenants: usage: --slug: Short name must be up to 50 lower-case letters, numbers and hyphens, like greater-manchester"},
			"another's name, no region": {replaced(replaced(gm, "--slug", "liverpool"), "--region", "North West"), 2, "portal tenants: usage: --name: There is already an organisation called Greater Manchester; choose another name; --region: Select a region from the list (an ITL1 code, like TLD for the North West)"},
			"initials already taken":    {replaced(replaced(gm, "--slug", "merseyside"), "--name", "Greater Merseyside"), 2, "portal tenants: usage: --reference-prefix: GM already starts the project references of Greater Manchester; choose another prefix"},
			"the slug, another name":    {replaced(gm, "--name", "Manchester"), 1, `portal tenants: There is already a tenant "greater-manchester", and its name is "Greater Manchester", not "Manchester". Change it on its page in the portal, or choose another --slug.`},
			"a control character":       {replaced(replaced(gm, "--slug", "liverpool"), "--lead-body", "LCRCA\x1b]0;pwned\x07"), 2, "--lead-body: Remove the invisible control characters (such as NUL or escape) from this answer"},
			"an unknown flag":           {append(append([]string{}, gm...), "--kind", "central"), 2, "portal tenants: usage: flag provided but not defined: -kind"},
			"a stray argument":          {append(append([]string{}, init...), "now"), 2, `portal programme: usage: unexpected argument "now"`},
		}
		for name, c := range cases {
			t.Run(name, func(t *testing.T) {
				inv := newInvocation(settings)
				if code := inv.run(c.args...); code != c.code {
					t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, inv.stderr)
				}
				if got := lastLine(inv.stderr.String()); !strings.Contains(got, c.want) {
					t.Errorf("stderr ends %q, want it to contain %q", got, c.want)
				}
			})
		}
		if after := tenantsAndAudit(t, database); after != before {
			t.Errorf("refused commands changed the tenants or the audit trail: %v, then %v", before, after)
		}
	})
}

// replaced returns a copy of a command line with a flag's value changed.
func replaced(args []string, flag, value string) []string {
	out := append([]string{}, args...)
	for i := range out {
		if out[i] == flag {
			out[i+1] = value
		}
	}
	return out
}

func TestDefaultCentral_IsWhatTheHelpPromises(t *testing.T) {
	inv := newInvocation(nil)
	inv.run("programme", "init", "--help")
	for _, want := range []string{app.DefaultCentralName, app.DefaultCentralLeadBody} {
		if !strings.Contains(inv.stdout.String(), want) {
			t.Errorf("the help does not give the default %q:\n%s", want, inv.stdout)
		}
	}
}
