package handlers

import (
	"context"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/devidp"
	"github.com/innovation-accelerators/portal/models"
)

// DevelopmentDirectory lists, for the development identity provider's sign-in page, the demo users and
// everyone with an open invitation through that provider.
type DevelopmentDirectory struct {
	Store    *models.Store
	Provider string // the provider's name, as invitations record it
}

// Accounts implements devidp.Directory.
func (d DevelopmentDirectory) Accounts(ctx context.Context) ([]devidp.Account, error) {
	found, err := app.DevelopmentAccounts(ctx, d.Store, d.Provider, time.Now().UTC())
	if err != nil {
		return nil, err
	}
	accounts := make([]devidp.Account, 0, len(found))
	for _, a := range found {
		accounts = append(accounts, devidp.Account{Subject: a.Subject, Email: a.Email, Name: a.Name, Description: a.Description})
	}
	return accounts, nil
}
