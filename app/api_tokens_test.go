package app_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// tokenFixture is the token service over the demo accounts, on a clock the test can move.
type tokenFixture struct {
	store  *models.Store
	tokens *app.APITokens
	now    *time.Time
}

func newTokenFixture(t *testing.T, db *models.Database) tokenFixture {
	t.Helper()
	store := seededAccounts(t, db)
	now := testNow
	clock := func() time.Time { return now }
	return tokenFixture{store: store, tokens: app.NewAPITokens(store, clock), now: &now}
}

func (f tokenFixture) create(t *testing.T, p app.Principal) app.NewToken {
	t.Helper()
	token, err := f.tokens.Create(context.Background(), p, "Reporting script", "30")
	if err != nil {
		t.Fatalf("create token: %v", err)
	}
	return token
}

func TestAPITokenCreate_SaysWhatIsWrongWithTheNameAndLifetime(t *testing.T) {
	const days = "Enter a whole number from 1 to 366"
	cases := []struct{ name, days string }{{"", ""}, {"   ", "30"}, {strings.Repeat("n", 101), "30"}, {"Script", "0"}, {"Script", "367"}, {"Script", "ninety"}}
	want := []map[string]string{
		{"name": "Enter a name for the token, like the program that will use it"},
		{"name": "Enter a name for the token, like the program that will use it"},
		{"name": "Name must be 100 characters or fewer"},
		{"expires_in_days": days}, {"expires_in_days": days}, {"expires_in_days": days},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		f := newTokenFixture(t, db)
		p := principalOf(t, f.store, "demo-gm-staff")
		for i, c := range cases {
			_, err := f.tokens.Create(context.Background(), p, c.name, c.days)
			if diff := cmp.Diff(want[i], fieldErrors(err)); diff != "" {
				t.Errorf("name %q, days %q (-want +got):\n%s", c.name, c.days, diff)
			}
		}
		if _, err := f.tokens.Create(context.Background(), app.Principal{}, "Script", ""); !errors.Is(err, app.ErrUnauthenticated) {
			t.Errorf("nobody signed in: %v, want ErrUnauthenticated", err)
		}
	})
}

func TestAPITokenCreate_ShowsTheSecretOnceAndStoresOnlyItsHash(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		f := newTokenFixture(t, db)
		p := principalOf(t, f.store, "demo-gm-staff")
		token, err := f.tokens.Create(context.Background(), p, "  Reporting script  ", "")
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(token.Secret))
		got := token.Token
		if !strings.HasPrefix(token.Secret, "iap_") || len(token.Secret) < 40 || got.TokenHash != hex.EncodeToString(sum[:]) ||
			got.Prefix != token.Secret[:10] || got.Name != "Reporting script" || !got.ExpiresAt.Equal(testNow.AddDate(0, 0, 90)) {
			t.Errorf("token %+v with secret of %d characters, want an iap_ secret, its SHA-256, its first 10 characters and 90 days", got, len(token.Secret))
		}
		var rows []map[string]any
		if err := modeltest.Superuser(t, db).Raw("SELECT * FROM api_tokens").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if strings.Contains(fmt.Sprint(rows), token.Secret) || len(rows) != 1 {
			t.Errorf("the database keeps the secret: %v", rows)
		}
		listed, err := f.tokens.List(context.Background(), p)
		if err != nil || len(listed) != 1 || listed[0].TokenHash != got.TokenHash {
			t.Errorf("listed %+v, %v", listed, err)
		}
	})
}

func TestAPITokenAuthenticate_ActsAsTheOwnerWithTheRolesTheyHoldNow(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		f := newTokenFixture(t, db)
		owner := principalOf(t, f.store, "demo-gm-staff")
		token := f.create(t, owner)
		if err := f.store.AddMembership(ctx, &models.Membership{UserID: owner.UserID, TenantID: owner.TenantID, Role: models.RoleProjectLead, CreatedAt: testNow}); err != nil {
			t.Fatal(err)
		}
		p, err := f.tokens.Authenticate(ctx, token.Secret)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(p.Roles)
		if p.UserID != owner.UserID || p.TenantID != owner.TenantID || !slices.Equal(p.Roles, []models.Role{models.RolePartnershipStaff, models.RoleProjectLead}) {
			t.Errorf("principal %+v, want %s in %s as staff and project lead", p, owner.Name, owner.TenantName)
		}
	})
}

func TestAPITokenAuthenticate_RefusesUnusableTokensAndOwnersWhoLostAccess(t *testing.T) {
	// Each case spoils the token of its own owner and returns the secret to present.
	cases := []struct {
		name, owner string
		spoil       func(t *testing.T, f tokenFixture, db *models.Database, owner app.Principal, token app.NewToken) string
	}{
		{"revoked", "demo-gm-staff", func(t *testing.T, f tokenFixture, _ *models.Database, owner app.Principal, token app.NewToken) string {
			if err := f.tokens.Revoke(context.Background(), owner, idText(token.Token.ID)); err != nil {
				t.Fatal(err)
			}
			return token.Secret
		}},
		{"unknown", "demo-gm-lead", func(_ *testing.T, _ tokenFixture, _ *models.Database, _ app.Principal, token app.NewToken) string {
			return token.Secret + "x"
		}},
		{"without the portal's prefix", "demo-gm-director", func(_ *testing.T, _ tokenFixture, _ *models.Database, _ app.Principal, token app.NewToken) string {
			return strings.TrimPrefix(token.Secret, "iap_")
		}},
		{"owner disabled", "demo-wm-manager", func(t *testing.T, f tokenFixture, _ *models.Database, owner app.Principal, token app.NewToken) string {
			if err := f.store.DisableUser(context.Background(), owner.UserID, testNow); err != nil {
				t.Fatal(err)
			}
			return token.Secret
		}},
		{"owner's membership removed", "demo-wm-lead", func(t *testing.T, _ tokenFixture, db *models.Database, owner app.Principal, token app.NewToken) string {
			if err := modeltest.Superuser(t, db).Exec("DELETE FROM memberships WHERE user_id = ? AND tenant_id = ?", owner.UserID, owner.TenantID).Error; err != nil {
				t.Fatal(err)
			}
			return token.Secret
		}},
		{"expired (last: it moves the clock for everyone)", "demo-glasgow-staff", func(_ *testing.T, f tokenFixture, _ *models.Database, _ app.Principal, token app.NewToken) string {
			*f.now = token.Token.ExpiresAt
			return token.Secret
		}},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		f := newTokenFixture(t, db)
		for _, c := range cases {
			owner := principalOf(t, f.store, c.owner)
			token := f.create(t, owner)
			if _, err := f.tokens.Authenticate(ctx, token.Secret); err != nil {
				t.Fatalf("%s, before: %v", c.name, err)
			}
			secret := c.spoil(t, f, db, owner, token)
			if p, err := f.tokens.Authenticate(ctx, secret); !errors.Is(err, app.ErrUnauthenticated) {
				t.Errorf("%s: principal %+v, error %v; want ErrUnauthenticated", c.name, p, err)
			}
		}
	})
}

func TestAPITokenRevoke_SomeoneElsesTokenIsNotFound(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		f := newTokenFixture(t, db)
		owner := principalOf(t, f.store, "demo-gm-staff")
		token := f.create(t, owner)
		for _, subject := range []string{"demo-gm-manager", "demo-programme-admin"} {
			if err := f.tokens.Revoke(ctx, principalOf(t, f.store, subject), idText(token.Token.ID)); !errors.Is(err, app.ErrNotFound) {
				t.Errorf("%s revokes it: %v, want ErrNotFound", subject, err)
			}
		}
		if err := f.tokens.Revoke(ctx, owner, "not-a-number"); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("revoke an ID that is not a number: %v, want ErrNotFound", err)
		}
		if _, err := f.tokens.Authenticate(ctx, token.Secret); err != nil {
			t.Errorf("the token after others tried to revoke it: %v", err)
		}
	})
}
