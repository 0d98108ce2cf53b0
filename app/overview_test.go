package app_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestOverviewHome_CentralSeesEveryAcceleratorOthersTheirOwnPlace(t *testing.T) {
	everyAccelerator := []string{
		"Glasgow City Region, Scotland: 2 people",
		"Greater Manchester, North West (England): 4 people",
		"West Midlands, West Midlands (England): 2 people",
	}
	cases := []struct {
		who          string
		tenant       string
		people       int
		accelerators []string
	}{
		{"demo-programme-admin", "Central government", 3, everyAccelerator},
		{"demo-funding-approver", "Central government", 3, everyAccelerator},
		{"demo-council-observer", "Central government", 3, everyAccelerator},
		{"demo-gm-director", "Greater Manchester", 4, nil},
		{"demo-gm-manager", "Greater Manchester", 4, nil},
		{"demo-gm-lead", "Greater Manchester", 4, nil},
		{"demo-wm-manager", "West Midlands", 2, nil},
		{"demo-glasgow-staff", "Glasgow City Region", 2, nil},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		overview := app.NewOverview(store)
		for _, c := range cases {
			t.Run(c.who, func(t *testing.T) {
				home, err := overview.Home(context.Background(), principalOf(t, store, c.who))
				if err != nil {
					t.Fatal(err)
				}
				if home.Programme.Name != "Innovation Accelerators" || home.Tenant.Name != c.tenant || home.PeopleCount != c.people {
					t.Errorf("home of %s in %s with %d people, want Innovation Accelerators, %s, %d",
						home.Programme.Name, home.Tenant.Name, home.PeopleCount, c.tenant, c.people)
				}
				var accelerators []string
				for _, a := range home.Accelerators {
					accelerators = append(accelerators, fmt.Sprintf("%s, %s: %d people", a.Tenant.Name, a.RegionName, a.PeopleCount))
				}
				if diff := cmp.Diff(c.accelerators, accelerators); diff != "" {
					t.Errorf("accelerators (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestOverviewHome_WithoutASignedInPrincipalIsForbidden(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		admin := principalOf(t, store, "demo-programme-admin")
		admin.UserID = 0

		if _, err := app.NewOverview(store).Home(context.Background(), admin); !errors.Is(err, app.ErrForbidden) {
			t.Errorf("error %v, want ErrForbidden", err)
		}
	})
}
