package main

import (
	"context"
	"fmt"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

func runSeed(ctx context.Context, env environment, args []string) error {
	fs := newFlags(env, "seed", "seed --demo\n\nAdds the demo Innovation Accelerators programme (£100m, FY 2023-24 to 2025-26), the central tenant,\nGreater Manchester, West Midlands and Glasgow City Region, and a demo user for every role, who sign in\nthrough the development identity provider. Running it again changes nothing.")
	demo := fs.Bool("demo", false, "add the demo programme, tenants and users")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*demo {
		return fmt.Errorf("%w: say what to seed: --demo", errUsage)
	}
	cfg, err := loadConfig(env.getenv, env.readFile)
	if err != nil {
		return err
	}
	if cfg.Production {
		return bad("PORTAL_ENV", "demo data is not for production")
	}
	log := newLogger(env.stderr, cfg.Production)
	db, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	issuer := cfg.BaseURL.String() + "/dev-idp"
	if err := app.SeedDemo(ctx, models.NewStore(db.Gorm), issuer, time.Now().UTC()); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Demo data is in place: %d demo users sign in through the development provider at %s\n", len(app.DemoPeople), issuer)
	return nil
}
