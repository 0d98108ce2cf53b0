package app

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/innovation-accelerators/portal/models"
)

// ProgrammeInput is what a programme administrator or an operator types about the programme.
type ProgrammeInput struct {
	Name      string
	Envelope  string // pounds, like "100000000" or "£100,000,000.00"
	FirstYear string // financial years, like "2023-24"
	LastYear  string
	Version   int // the version read before editing (the page; the command line reads it itself)
}

// AcceleratorInput is what a programme administrator or an operator types about an accelerator. The slug
// and reference prefix are chosen once, when it is added: sign-in settings name the slug and project
// references carry the prefix, so neither may change afterwards.
type AcceleratorInput struct {
	Slug            string // blank: made from the name
	Name            string
	LeadBody        string
	Region          string // ITL1 code, like TLD
	ReferencePrefix string // blank: the initials of the name
	Version         int    // the version read before editing (updates only)
}

var (
	slugFormat   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	prefixFormat = regexp.MustCompile(`^[A-Z]{2,5}$`)
	// financialYearFormat reads 2023-24, 2023/24 and 2023-2024.
	financialYearFormat = regexp.MustCompile(`^([0-9]{4})\s*[-/]\s*([0-9]{2}|[0-9]{4})$`)
)

// Ways a financial year can be mistyped.
var (
	errFinancialYearFormat = errors.New("not a financial year")
	errFinancialYearSpan   = errors.New("not two years in a row")
	errFinancialYearRange  = errors.New("outside 2000-01 to 2099-00")
)

// ParseFinancialYear reads a financial year as people write it ("2023-24", "2023/24" or "2023-2024") and
// returns the year it starts in (2023).
func ParseFinancialYear(text string) (int, error) {
	m := financialYearFormat.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return 0, errFinancialYearFormat
	}
	start, _ := strconv.Atoi(m[1])
	end, _ := strconv.Atoi(m[2])
	if len(m[2]) == 2 {
		end += start / 100 * 100
		if end < start {
			end += 100 // 2099-00
		}
	}
	switch {
	case end != start+1:
		return 0, errFinancialYearSpan
	case start < 2000 || start > 2099:
		return 0, errFinancialYearRange
	}
	return start, nil
}

// validateProgramme checks a programme's fields and returns them tidied.
func validateProgramme(in ProgrammeInput) (models.Programme, *ValidationError) {
	verr := &ValidationError{}
	checkTexts(verr, map[string]string{"name": in.Name, "envelope": in.Envelope, "first_year": in.FirstYear, "last_year": in.LastYear})
	p := models.Programme{Name: strings.TrimSpace(in.Name)}
	switch {
	case p.Name == "":
		verr.Add("name", "Enter the programme's name")
	case len(p.Name) > 100:
		verr.Add("name", "Programme name must be 100 characters or fewer")
	}
	pence, err := ParsePounds(in.Envelope)
	var moneyErr *MoneyError
	switch {
	case errors.As(err, &moneyErr):
		verr.Add("envelope", moneyErr.Message)
	case pence == 0:
		verr.Add("envelope", "Enter an envelope of more than £0")
	}
	p.EnvelopePence = pence
	p.FirstFinancialYear = financialYear(verr, "first_year", "first", in.FirstYear)
	p.LastFinancialYear = financialYear(verr, "last_year", "last", in.LastYear)
	if p.FirstFinancialYear != 0 && p.LastFinancialYear != 0 && p.LastFinancialYear < p.FirstFinancialYear {
		verr.Add("last_year", "The last financial year must be the same as or after the first")
	}
	return p, verr
}

func financialYear(verr *ValidationError, field, which, text string) int {
	if strings.TrimSpace(text) == "" {
		verr.Add(field, "Enter the "+which+" financial year, like 2023-24")
		return 0
	}
	year, err := ParseFinancialYear(text)
	switch {
	case errors.Is(err, errFinancialYearSpan):
		verr.Add(field, "The "+which+" financial year must be two years in a row, like 2023-24")
	case errors.Is(err, errFinancialYearRange):
		verr.Add(field, "The "+which+" financial year must be from 2000-01 to 2099-00")
	case err != nil:
		verr.Add(field, "Enter the "+which+" financial year as two years, like 2023-24")
	}
	return year
}

// validateAccelerator checks an accelerator's fields against the tenants there are (others' names, slugs
// and prefixes must differ) and returns them tidied. creating says whether the slug and prefix are set now.
func validateAccelerator(in AcceleratorInput, self int64, tenants []models.Tenant, creating bool) (models.Tenant, *ValidationError) {
	verr := &ValidationError{}
	checkTexts(verr, map[string]string{
		"slug": in.Slug, "name": in.Name, "lead_body": in.LeadBody, "region": in.Region, "reference_prefix": in.ReferencePrefix,
	})
	t := models.Tenant{
		Kind: models.TenantAccelerator, Name: strings.TrimSpace(in.Name), LeadBody: strings.TrimSpace(in.LeadBody),
		ITL1Region: strings.ToUpper(strings.TrimSpace(in.Region)),
	}
	others := slices.DeleteFunc(slices.Clone(tenants), func(o models.Tenant) bool { return o.ID == self })
	checkAcceleratorName(verr, t.Name, others)
	switch {
	case t.LeadBody == "":
		verr.Add("lead_body", "Enter the lead body, like Greater Manchester Combined Authority")
	case len(t.LeadBody) > 200:
		verr.Add("lead_body", "Lead body must be 200 characters or fewer")
	}
	switch _, known := itl1Regions[t.ITL1Region]; {
	case t.ITL1Region == "":
		verr.Add("region", "Select the accelerator's region")
	case !known:
		verr.Add("region", "Select a region from the list (an ITL1 code, like TLD for the North West)")
	}
	if creating {
		t.Slug = chooseSlug(verr, in.Slug, t.Name, others)
		t.ReferencePrefix = choosePrefix(verr, in.ReferencePrefix, t.Name, others)
	}
	return t, verr
}

func checkAcceleratorName(verr *ValidationError, name string, others []models.Tenant) {
	switch {
	case name == "":
		verr.Add("name", "Enter the accelerator's name, like Greater Manchester")
	case len(name) > 100:
		verr.Add("name", "Name must be 100 characters or fewer")
	}
	for _, o := range others {
		if strings.EqualFold(o.Name, name) {
			verr.Add("name", "There is already an organisation called "+o.Name+"; choose another name")
		}
	}
}

// chooseSlug checks the slug typed, or makes one from the name when none was.
func chooseSlug(verr *ValidationError, typed, name string, others []models.Tenant) string {
	slug := strings.ToLower(strings.TrimSpace(typed))
	if slug == "" {
		slug = SlugFrom(name)
	}
	switch {
	case verr.Fields["slug"] != "":
		return slug
	case slug == "" && verr.Fields["name"] == "":
		verr.Add("slug", "Enter a short name of letters and numbers, like greater-manchester")
	case slug == "":
	case len(slug) > 50 || !slugFormat.MatchString(slug):
		verr.Add("slug", "Short name must be up to 50 lower-case letters, numbers and hyphens, like greater-manchester")
	case slug == CentralTenantSlug:
		verr.Add("slug", "The short name central is kept for central government; choose another")
	}
	for _, o := range others {
		if o.Slug == slug {
			verr.Add("slug", "The short name "+slug+" is already used by "+o.Name+"; choose another")
		}
	}
	return slug
}

// choosePrefix checks the reference prefix typed, or makes one from the name's initials when none was.
func choosePrefix(verr *ValidationError, typed, name string, others []models.Tenant) string {
	prefix := strings.ToUpper(strings.TrimSpace(typed))
	derived := prefix == ""
	if derived {
		prefix = PrefixFrom(name)
	}
	switch {
	case verr.Fields["reference_prefix"] != "" || (derived && verr.Fields["name"] != ""):
		return prefix
	case !prefixFormat.MatchString(prefix):
		verr.Add("reference_prefix", "Reference prefix must be 2 to 5 letters, like GM")
	}
	for _, o := range others {
		if o.ReferencePrefix == prefix {
			verr.Add("reference_prefix", prefix+" already starts the project references of "+o.Name+"; choose another prefix")
		}
	}
	return prefix
}

// SlugFrom makes a slug from a name: "Glasgow City Region" → "glasgow-city-region".
func SlugFrom(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	return b.String()
}

// prefixStopWords are left out of a name's initials: "Heart of the South West" → HSW.
var prefixStopWords = []string{"of", "and", "the", "for", "in", "on"}

// PrefixFrom makes a reference prefix from a name: its initials ("Greater Manchester" → GM), or the first
// three letters of a one-word name ("Cardiff" → CAR), at most five letters.
func PrefixFrom(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) || r > unicode.MaxASCII })
	var initials strings.Builder
	for _, w := range words {
		if !slices.Contains(prefixStopWords, strings.ToLower(w)) {
			initials.WriteString(strings.ToUpper(w[:1]))
		}
	}
	prefix := initials.String()
	if len(prefix) < 2 && len(words) > 0 {
		prefix = strings.ToUpper(words[0][:min(3, len(words[0]))])
	}
	return prefix[:min(5, len(prefix))]
}

// Region is an ITL1 region as forms offer it.
type Region struct{ Code, Name string }

// Regions lists the ITL1 regions in code order, for the accelerator form.
func Regions() []Region {
	regions := make([]Region, 0, len(itl1Regions))
	for code, name := range itl1Regions {
		regions = append(regions, Region{code, name})
	}
	slices.SortFunc(regions, func(a, b Region) int { return strings.Compare(a.Code, b.Code) })
	return regions
}
