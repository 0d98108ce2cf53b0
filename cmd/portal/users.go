package main

import (
	"context"
	"fmt"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

const inviteSynopsis = `users invite --email EMAIL --tenant SLUG --role ROLE [--provider NAME]

Invites a person to a tenant with a role. They get access the first time they sign in through the named
identity provider with that e-mail address verified. Roles: programme_admin, funding_approver, observer
(central); observer, partnership_manager, partnership_staff, project_lead (accelerators).`

func runUsers(ctx context.Context, env environment, args []string) error {
	return runSubcommand(ctx, env, "users", inviteSynopsis, args, map[string]func(context.Context, environment, []string) error{
		"invite": runInvite,
	})
}

func runInvite(ctx context.Context, env environment, args []string) error {
	fs := newFlags(env, "users invite", inviteSynopsis)
	email := fs.String("email", "", "the person's e-mail address")
	tenant := fs.String("tenant", "", "the tenant's slug, e.g. central or greater-manchester")
	role := fs.String("role", "", "the role to give")
	provider := fs.String("provider", "", "the identity provider they will sign in with (needed when several are configured)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, log, db, err := openFromEnvironment(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	people := app.NewPeople(models.NewStore(db.Gorm), cfg.Providers, nil, log)
	inv, err := people.InviteFromCommandLine(ctx, app.InviteInput{TenantSlug: *tenant, Email: *email, Role: *role, Provider: *provider})
	if err != nil {
		return commandLineError(err, nil)
	}
	fmt.Fprintf(env.stdout, "Invited %s as %s (signs in through %q; invitation expires %s)\n",
		inv.Email, inv.Role.Label(), inv.Provider, inv.ExpiresAt.Format(time.DateOnly))
	return nil
}
