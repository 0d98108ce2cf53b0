package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestOrganisationCreate_SaysWhatIsWrongWithEachField(t *testing.T) {
	const (
		companiesHouse = "Enter a Companies House number of 8 characters, like 01234567 or SC123456"
		ukprn          = "Enter a UKPRN of 8 digits starting with 1, like 10007788"
		charity        = "Enter a charity number like 1123456, SC012345 or NIC100002"
	)
	cases := []struct {
		name   string
		change func(*app.OrganisationInput)
		want   map[string]string
	}{
		{"blank name", func(in *app.OrganisationInput) { in.Name = "   " }, map[string]string{"name": "Enter the organisation's name"}},
		{"name of 201 characters", func(in *app.OrganisationInput) { in.Name = strings.Repeat("n", 201) }, map[string]string{"name": "Organisation name must be 200 characters or fewer"}},
		{"no kind", func(in *app.OrganisationInput) { in.Kind = "" }, map[string]string{"kind": "Select what kind of organisation it is"}},
		{"unknown kind", func(in *app.OrganisationInput) { in.Kind = "quango" }, map[string]string{"kind": "Select what kind of organisation it is"}},
		{"Companies House number too short", func(in *app.OrganisationInput) { in.CompaniesHouseNumber = "1234" }, map[string]string{"companies_house_number": companiesHouse}},
		{"Companies House number with three letters", func(in *app.OrganisationInput) { in.CompaniesHouseNumber = "ABC12345" }, map[string]string{"companies_house_number": companiesHouse}},
		{"UKPRN not starting with 1", func(in *app.OrganisationInput) { in.UKPRN = "20007798" }, map[string]string{"ukprn": ukprn}},
		{"UKPRN too short", func(in *app.OrganisationInput) { in.UKPRN = "1234" }, map[string]string{"ukprn": ukprn}},
		{"charity number of five digits", func(in *app.OrganisationInput) { in.CharityNumber = "12345" }, map[string]string{"charity_number": charity}},
		{"charity number with letters", func(in *app.OrganisationInput) { in.CharityNumber = "ABC12345" }, map[string]string{"charity_number": charity}},
		{"town of 101 characters", func(in *app.OrganisationInput) { in.Town = strings.Repeat("t", 101) }, map[string]string{"town": "Town must be 100 characters or fewer"}},
		{"unknown local authority", func(in *app.OrganisationInput) { in.LocalAuthorityCode = "E99999999" }, map[string]string{"local_authority_code": "Select a local authority from the list"}},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				in := app.OrganisationInput{Name: "Irwell Test Composites Ltd", Kind: "business", Town: "Manchester", LocalAuthorityCode: "E08000003"}
				c.change(&in)
				_, err := r.orgs.Create(context.Background(), manager, in)
				if diff := cmp.Diff(c.want, fieldErrors(err)); diff != "" {
					t.Errorf("field errors (-want +got):\n%s\nerror: %v", diff, err)
				}
			})
		}
	})
}

func TestOrganisationCreate_AcceptsEachIdentifierFormatAndNormalisesSpacesAndCase(t *testing.T) {
	cases := []struct {
		typed app.OrganisationInput
		want  [3]string // Companies House number, UKPRN, charity number as stored
	}{
		{app.OrganisationInput{CompaniesHouseNumber: "01234567"}, [3]string{"01234567", "", ""}},
		{app.OrganisationInput{CompaniesHouseNumber: "SC123456"}, [3]string{"SC123456", "", ""}},
		{app.OrganisationInput{CompaniesHouseNumber: " sc 654 321 "}, [3]string{"SC654321", "", ""}},
		{app.OrganisationInput{UKPRN: "10007798"}, [3]string{"", "10007798", ""}},
		{app.OrganisationInput{UKPRN: "1000 7799"}, [3]string{"", "10007799", ""}},
		{app.OrganisationInput{CharityNumber: "1123456"}, [3]string{"", "", "1123456"}},
		{app.OrganisationInput{CharityNumber: "SC012345"}, [3]string{"", "", "SC012345"}},
		{app.OrganisationInput{CharityNumber: "nic 100002"}, [3]string{"", "", "NIC100002"}},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		for _, c := range cases {
			in := c.typed
			in.Name, in.Kind = "  "+unique("Organisation")+"  ", "charity"
			o, err := r.orgs.Create(context.Background(), manager, in)
			if err != nil {
				t.Errorf("%+v: %v", c.typed, err)
				continue
			}
			got := [3]string{o.CompaniesHouseNumber, o.UKPRN, o.CharityNumber}
			stored, err := r.orgs.Get(context.Background(), manager, o.ID)
			if err != nil || got != c.want || stored.CompaniesHouseNumber != got[0] || stored.Name != strings.TrimSpace(in.Name) {
				t.Errorf("%+v: stored %v (%q), want %v; read back %+v, %v", c.typed, got, o.Name, c.want, stored, err)
			}
		}
	})
}

func TestOrganisationWrites_RefuseAnIdentifierAnotherOrganisationOfTheTenantHasAndNameIt(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		first := newOrganisation(t, r.orgs, manager, func(in *app.OrganisationInput) {
			in.Name, in.CompaniesHouseNumber, in.UKPRN, in.CharityNumber = "Salford Quays Robotics Ltd", "01234567", "10007798", "1123456"
		})
		second := newOrganisation(t, r.orgs, manager)
		want := map[string]string{
			"companies_house_number": "This Companies House number is already registered for Salford Quays Robotics Ltd",
			"ukprn":                  "This UKPRN is already registered for Salford Quays Robotics Ltd",
			"charity_number":         "This charity number is already registered for Salford Quays Robotics Ltd",
		}
		same := app.OrganisationInput{Name: "Another name", Kind: "business", CompaniesHouseNumber: "0123 4567", UKPRN: "10007798", CharityNumber: "1123456"}

		_, err := r.orgs.Create(ctx, manager, same)
		if diff := cmp.Diff(want, fieldErrors(err)); diff != "" {
			t.Errorf("create (-want +got):\n%s", diff)
		}
		same.Version = second.Version
		_, err = r.orgs.Update(ctx, manager, second.ID, same)
		if diff := cmp.Diff(want, fieldErrors(err)); diff != "" {
			t.Errorf("update another organisation (-want +got):\n%s", diff)
		}
		same.Name, same.Version = first.Name, first.Version
		if _, err := r.orgs.Update(ctx, manager, first.ID, same); err != nil {
			t.Errorf("an organisation keeping its own identifiers: %v", err)
		}
		elsewhere := same
		elsewhere.Version = 0
		if _, err := r.orgs.Create(ctx, r.as(t, "demo-wm-manager"), elsewhere); err != nil {
			t.Errorf("the same identifiers in another accelerator: %v", err)
		}
	})
}
