package app

import (
	"regexp"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// OrganisationKinds lists the kinds in the order forms offer them, with their names.
var OrganisationKinds = []struct {
	Kind  models.OrganisationKind
	Label string
}{
	{models.KindUniversity, "University"},
	{models.KindBusiness, "Business"},
	{models.KindRTO, "Research and technology organisation"},
	{models.KindCatapult, "Catapult"},
	{models.KindPublicBody, "Public body"},
	{models.KindCharity, "Charity"},
}

// OrganisationKindLabel names a kind for people.
func OrganisationKindLabel(k models.OrganisationKind) string {
	for _, known := range OrganisationKinds {
		if known.Kind == k {
			return known.Label
		}
	}
	return string(k)
}

var (
	// Companies House numbers: eight digits, or two letters (SC, NI, OC, SO, NC, LP, R0…) and six digits.
	companiesHouseFormat = regexp.MustCompile(`^([0-9]{8}|[A-Z]{2}[0-9]{6}|R0[0-9]{6})$`)
	// UK Provider Reference Numbers: eight digits beginning with 1.
	ukprnFormat = regexp.MustCompile(`^1[0-9]{7}$`)
	// Charity numbers: England and Wales six or seven digits (optionally -1 style suffix), Scotland SC and
	// six digits, Northern Ireland NIC and six digits.
	charityFormat = regexp.MustCompile(`^([0-9]{6,7}(-[0-9]{1,2})?|SC[0-9]{6}|NIC[0-9]{6})$`)
)

// validateOrganisation tidies what was typed (spaces, letter case) and checks it.
func validateOrganisation(in OrganisationInput) (OrganisationInput, *ValidationError) {
	verr := &ValidationError{}
	checkTexts(verr, map[string]string{
		"name": in.Name, "kind": in.Kind, "companies_house_number": in.CompaniesHouseNumber, "ukprn": in.UKPRN,
		"charity_number": in.CharityNumber, "town": in.Town, "local_authority_code": in.LocalAuthorityCode,
	})
	in.Name = strings.TrimSpace(in.Name)
	in.Town = strings.TrimSpace(in.Town)
	in.CompaniesHouseNumber = identifier(in.CompaniesHouseNumber)
	in.UKPRN = identifier(in.UKPRN)
	in.CharityNumber = identifier(in.CharityNumber)
	in.LocalAuthorityCode = strings.TrimSpace(in.LocalAuthorityCode)
	switch {
	case in.Name == "":
		verr.Add("name", "Enter the organisation's name")
	case len(in.Name) > 200:
		verr.Add("name", "Organisation name must be 200 characters or fewer")
	}
	if !knownKind(models.OrganisationKind(in.Kind)) {
		verr.Add("kind", "Select what kind of organisation it is")
	}
	if in.CompaniesHouseNumber != "" && !companiesHouseFormat.MatchString(in.CompaniesHouseNumber) {
		verr.Add("companies_house_number", "Enter a Companies House number of 8 characters, like 01234567 or SC123456")
	}
	if in.UKPRN != "" && !ukprnFormat.MatchString(in.UKPRN) {
		verr.Add("ukprn", "Enter a UKPRN of 8 digits starting with 1, like 10007788")
	}
	if in.CharityNumber != "" && !charityFormat.MatchString(in.CharityNumber) {
		verr.Add("charity_number", "Enter a charity number like 1123456, SC012345 or NIC100002")
	}
	if len(in.Town) > 100 {
		verr.Add("town", "Town must be 100 characters or fewer")
	}
	return in, verr
}

func knownKind(k models.OrganisationKind) bool {
	for _, known := range OrganisationKinds {
		if known.Kind == k {
			return true
		}
	}
	return false
}

// identifier removes spaces and upper-cases, so "sc 123 456" and "SC123456" are the same number.
func identifier(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// Identifier is one of an organisation's stable identifiers, as its page shows it.
type Identifier struct {
	Label, Value, TestID string
}

// IdentifiersToShow lists the identifiers that mean something for an organisation: the one its kind usually
// has (a company's Companies House number, a university's UKPRN, a charity's number), even when not given,
// and any other it has. A university is not shown "Companies House number: Not given".
func IdentifiersToShow(o models.Organisation) []Identifier {
	usual := map[models.OrganisationKind]string{
		models.KindBusiness: "companies_house", models.KindRTO: "companies_house", models.KindCatapult: "companies_house",
		models.KindUniversity: "ukprn", models.KindCharity: "charity",
	}[o.Kind]
	var shown []Identifier
	for _, id := range []struct{ key, label, value, testID string }{
		{"companies_house", "Companies House number", o.CompaniesHouseNumber, "companies-house-number"},
		{"ukprn", "UK Provider Reference Number (UKPRN)", o.UKPRN, "ukprn"},
		{"charity", "Charity number", o.CharityNumber, "charity-number"},
	} {
		if id.value != "" || id.key == usual {
			shown = append(shown, Identifier{Label: id.label, Value: id.value, TestID: id.testID})
		}
	}
	return shown
}
