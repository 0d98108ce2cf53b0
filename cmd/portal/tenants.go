package main

import (
	"context"
	"fmt"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

const tenantsCreateSynopsis = `tenants create --slug SLUG --name NAME --region CODE --lead-body BODY [--reference-prefix PREFIX]

Adds an accelerator to the programme (set it up first with portal programme init). The slug is its short
name in addresses and sign-in settings, like greater-manchester; the region is its ITL1 code, like TLD for
the North West; the reference prefix starts its project references, like GM in GM-2024-001 (the initials of
its name when left out). Neither slug nor prefix can change later. Run again with the same details, it
changes nothing. Allowed in production; every change is audited.`

func runTenants(ctx context.Context, env environment, args []string) error {
	return runSubcommand(ctx, env, "tenants", tenantsCreateSynopsis, args, map[string]func(context.Context, environment, []string) error{
		"create": runTenantsCreate,
	})
}

func runTenantsCreate(ctx context.Context, env environment, args []string) error {
	fs := newFlags(env, "tenants create", tenantsCreateSynopsis)
	slug := fs.String("slug", "", "the short name, like greater-manchester")
	name := fs.String("name", "", "the accelerator's name, like \"Greater Manchester\"")
	region := fs.String("region", "", "the ITL1 region code, like TLD")
	leadBody := fs.String("lead-body", "", "the organisation leading the partnership")
	prefix := fs.String("reference-prefix", "", "2 to 5 letters starting its project references (default: the name's initials)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *slug == "" {
		return fmt.Errorf("%w: --slug: give the accelerator's short name, like greater-manchester", errUsage)
	}
	_, log, db, err := openFromEnvironment(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	programmes := app.NewProgrammes(models.NewStore(db.Gorm), nil)
	t, outcome, err := programmes.CreateAcceleratorFromCommandLine(ctx, app.AcceleratorInput{
		Slug: *slug, Name: *name, Region: *region, LeadBody: *leadBody, ReferencePrefix: *prefix,
	})
	if err != nil {
		return commandLineError(err, tenantFlags)
	}
	log.Info("accelerator set up", "slug", t.Slug, "outcome", outcome)
	if outcome == app.Unchanged {
		fmt.Fprintf(env.stdout, "Accelerator %q (%s) already exists as given: nothing changed\n", t.Name, t.Slug)
		return nil
	}
	fmt.Fprintf(env.stdout, "Accelerator %q (%s) created: region %s, reference prefix %s\n",
		t.Name, t.Slug, app.ITL1RegionName(t.ITL1Region), t.ReferencePrefix)
	return nil
}

// tenantFlags name the flag behind each field the accelerator rules may complain about.
var tenantFlags = map[string]string{
	"slug": "--slug", "name": "--name", "region": "--region", "lead_body": "--lead-body",
	"reference_prefix": "--reference-prefix",
}
