package main

import (
	"context"
	"log/slog"

	"github.com/innovation-accelerators/portal/models"
)

// openMigrated opens the configured database and applies pending migrations.
func openMigrated(ctx context.Context, cfg config, log *slog.Logger) (*models.Database, error) {
	db, err := models.Open(ctx, cfg.DatabaseURL, log)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	for _, m := range applied {
		log.Info("applied migration", "file", m)
	}
	return db, nil
}

// openFromEnvironment loads the settings, makes the logger and opens the migrated database: the start of
// every command that works on the database. The caller closes it.
func openFromEnvironment(ctx context.Context, env environment) (config, *slog.Logger, *models.Database, error) {
	cfg, err := loadConfig(env.getenv, env.readFile)
	if err != nil {
		return cfg, nil, nil, err
	}
	log := newLogger(env.stderr, cfg.Production)
	db, err := openMigrated(ctx, cfg, log)
	return cfg, log, db, err
}

func runMigrate(ctx context.Context, env environment, args []string) error {
	fs := newFlags(env, "migrate", "migrate\n\nApplies every pending database migration to PORTAL_DATABASE_URL (SQLite portal.db when unset).")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	_, log, db, err := openFromEnvironment(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	log.Info("database is up to date", "dialect", db.Dialect)
	return nil
}
