package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

const inviteSynopsis = `users invite --email EMAIL --tenant SLUG --role ROLE [--provider NAME]

Invites a person to a tenant with a role. They get access the first time they sign in through the named
identity provider with that e-mail address verified. Roles: programme_admin, funding_approver, observer
(central); observer, partnership_manager, partnership_staff, project_lead (accelerators).`

func runUsers(ctx context.Context, env environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(env.stdout, "Usage: portal %s\n", inviteSynopsis)
		if len(args) == 0 {
			return fmt.Errorf("%w: say what to do: invite", errUsage)
		}
		return nil
	}
	if args[0] != "invite" {
		return fmt.Errorf("%w: unknown users command %q (try invite)", errUsage, args[0])
	}
	return runInvite(ctx, env, args[1:])
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
	var verr *app.ValidationError
	if errors.As(err, &verr) {
		return fmt.Errorf("%w: %s", errUsage, describeFields(verr))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Invited %s as %s (signs in through %q; invitation expires %s)\n",
		inv.Email, inv.Role.Label(), inv.Provider, inv.ExpiresAt.Format(time.DateOnly))
	return nil
}

func describeFields(verr *app.ValidationError) string {
	var parts []string
	for field, msg := range verr.Fields {
		parts = append(parts, "--"+field+": "+msg)
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}
