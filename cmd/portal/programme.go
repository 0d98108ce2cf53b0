package main

import (
	"context"
	"fmt"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

const programmeInitSynopsis = `programme init --name NAME --envelope POUNDS --from YEAR --to YEAR [--central-name NAME] [--central-lead-body BODY]

Sets up the programme: its name, the public money it may spend (the envelope, in pounds), its first and
last financial years (like 2023-24), and the central tenant ("central") whose officials oversee it. The
portal runs one programme: run again with the same name, it brings the envelope and years to those given,
and with the same values it changes nothing. Allowed in production; every change is audited.`

func runProgramme(ctx context.Context, env environment, args []string) error {
	return runSubcommand(ctx, env, "programme", programmeInitSynopsis, args, map[string]func(context.Context, environment, []string) error{
		"init": runProgrammeInit,
	})
}

func runProgrammeInit(ctx context.Context, env environment, args []string) error {
	fs := newFlags(env, "programme init", programmeInitSynopsis)
	name := fs.String("name", "", "the programme's name, like \"Innovation Accelerators\"")
	envelope := fs.String("envelope", "", "the envelope in pounds, like 100000000 or 100,000,000.00")
	from := fs.String("from", "", "the first financial year, like 2023-24")
	to := fs.String("to", "", "the last financial year, like 2025-26")
	centralName := fs.String("central-name", app.DefaultCentralName, "the central tenant's name, if it is made now")
	centralLead := fs.String("central-lead-body", app.DefaultCentralLeadBody, "the central tenant's lead body, if it is made now")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	_, log, db, err := openFromEnvironment(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	programmes := app.NewProgrammes(models.NewStore(db.Gorm), nil)
	result, err := programmes.InitFromCommandLine(ctx,
		app.ProgrammeInput{Name: *name, Envelope: *envelope, FirstYear: *from, LastYear: *to},
		app.CentralInput{Name: *centralName, LeadBody: *centralLead})
	if err != nil {
		return commandLineError(err, programmeFlags)
	}
	log.Info("programme set up", "outcome", result.Outcome, "central_created", result.Created)
	printProgramme(env, result)
	return nil
}

// programmeFlags name the flag behind each field the programme service may complain about.
var programmeFlags = map[string]string{
	"name": "--name", "envelope": "--envelope", "first_year": "--from", "last_year": "--to",
	"central_name": "--central-name", "central_lead_body": "--central-lead-body",
}

func printProgramme(env environment, r app.ProgrammeInit) {
	pr := r.Programme
	what := fmt.Sprintf("envelope %s, financial years %s to %s", app.FormatPounds(pr.EnvelopePence),
		app.FinancialYearLabel(pr.FirstFinancialYear), app.FinancialYearLabel(pr.LastFinancialYear))
	switch r.Outcome {
	case app.Unchanged:
		fmt.Fprintf(env.stdout, "Programme %q is already set up with %s: nothing changed\n", pr.Name, what)
	default:
		fmt.Fprintf(env.stdout, "Programme %q %s: %s\n", pr.Name, r.Outcome, what)
	}
	if r.Created {
		fmt.Fprintf(env.stdout, "Central tenant %q (%s) created: invite its first programme administrator with portal users invite --tenant %s --role programme_admin\n",
			r.Central.Slug, r.Central.Name, r.Central.Slug)
	}
}
