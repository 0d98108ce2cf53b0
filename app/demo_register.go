package app

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// The demo register: each accelerator's organisations and the programme's 26 projects (Glasgow City Region 11,
// Greater Manchester 10, West Midlands 5) in every state of the workflow. The businesses, research centres and
// charities are invented, and every identifier is fictional though well-formed; universities and public bodies
// are named only as the kind of partner such projects have, not as a record of what they did.

// demoApprover decides and closes the demo projects; each accelerator's partnership manager submits them.
const demoApprover = "demo-funding-approver"

type demoOrganisation struct{ name, kind, companiesHouse, ukprn, charity, town, place string }

// demoProject is a project and the path it took: created by author (the manager when empty), then submitted,
// perhaps sent back for changes (revised) and submitted again, then decided or withdrawn with reason.
type demoProject struct {
	title, sector, place, summary string // sector "other:<its name>" for one not in the list
	lead, partners                string // organisation names; partners separated by "; "
	start, end                    string
	cost, grant, private          string // pounds
	targets                       string // "indicator=value …", in each indicator's unit
	author                        string
	leads                         []string // demo project leads named on the project
	outcome                       models.ProjectStatus
	reason, revised               string
}

type demoTenantRegister struct {
	tenant, manager string
	organisations   []demoOrganisation
	projects        []demoProject
}

var demoRegisters = []demoTenantRegister{
	{tenant: "glasgow-city-region", manager: "demo-glasgow-manager", organisations: []demoOrganisation{
		{"University of Glasgow", "university", "", "10099301", "", "Glasgow", "S12000049"},
		{"University of Strathclyde", "university", "", "10099302", "", "Glasgow", "S12000049"},
		{"Glasgow Caledonian University", "university", "", "10099303", "", "Glasgow", "S12000049"},
		{"University of the West of Scotland", "university", "", "10099304", "", "Paisley", "S12000038"},
		{"Kelvinbridge Photonic Devices Ltd", "business", "SC712345", "", "", "Glasgow", "S12000049"},
		{"Clydeside Quantum Sensing Ltd", "business", "SC734561", "", "", "Glasgow", "S12000049"},
		{"Blythswood Precision Forming Ltd", "business", "SC698214", "", "", "Renfrew", "S12000038"},
		{"Calderbank Bioprocess Analytics Ltd", "business", "SC745902", "", "", "Hamilton", "S12000029"},
		{"Cloch Marine Electrification Ltd", "business", "SC705318", "", "", "Greenock", "S12000018"},
		{"West of Scotland Manufacturing Research Centre", "rto", "SC689034", "", "", "Renfrew", "S12000038"},
		{"Glasgow City Council", "public_body", "", "", "", "Glasgow", "S12000049"},
		{"Clyde Science Skills Trust", "charity", "", "", "SC051234", "Glasgow", "S12000049"},
	}, projects: []demoProject{
		{title: "Quantum sensing testbed for the Clyde corridor", sector: "quantum", place: "S12000049",
			lead: "University of Glasgow", partners: "Clydeside Quantum Sensing Ltd; Kelvinbridge Photonic Devices Ltd", start: "2023-07-01", end: "2025-03-31",
			cost: "4,200,000", grant: "3,150,000", private: "1,050,000", targets: "private_investment_leveraged=2,500,000 jobs_created=14 patents_filed=4 collaborations_formed=6", outcome: models.StatusApproved,
			summary: "A shared testbed where firms trial quantum gravity and magnetic sensors for infrastructure surveys before buying them."},
		{title: "Integrated photonics foundry pilot", sector: "semiconductors", place: "S12000049",
			lead: "Kelvinbridge Photonic Devices Ltd", partners: "University of Glasgow; West of Scotland Manufacturing Research Centre", start: "2023-08-01", end: "2025-03-31",
			cost: "6,100,000", grant: "4,800,000", private: "1,300,000", targets: "private_investment_leveraged=3,000,000 jobs_created=22.5 new_products_processes=5", outcome: models.StatusApproved,
			summary: "A pilot line for photonic integrated circuits, so Scottish start-ups can prototype chips without going overseas."},
		{title: "Precision medicine data platform for the west of Scotland", sector: "health_life_sciences", place: "S12000049",
			lead: "University of Glasgow", partners: "Calderbank Bioprocess Analytics Ltd", start: "2023-09-01", end: "2026-03-31",
			cost: "3,900,000", grant: "3,200,000", private: "700,000", targets: "businesses_supported=18 collaborations_formed=8 jobs_created=9", outcome: models.StatusApproved,
			summary: "A trusted research environment linking anonymised clinical and genomic data for companies developing diagnostics.",
			revised: "Set out how patient data will be governed and who may access it, then resubmit."},
		{title: "Continuous manufacturing of medicines", sector: "chemistry", place: "S12000049",
			lead: "University of Strathclyde", partners: "Calderbank Bioprocess Analytics Ltd; West of Scotland Manufacturing Research Centre", start: "2023-07-01", end: "2025-03-31",
			cost: "5,400,000", grant: "4,100,000", private: "1,300,000", targets: "private_investment_leveraged=1,800,000 new_products_processes=3 patents_filed=2 people_trained=40", outcome: models.StatusApproved,
			summary: "Moves small-molecule medicine production from batch to continuous flow, with automated chemistry and in-line analytics."},
		{title: "Digital twins for advanced forming", sector: "digital_ai", place: "S12000038",
			lead: "West of Scotland Manufacturing Research Centre", partners: "Blythswood Precision Forming Ltd; University of the West of Scotland", start: "2023-10-01", end: "2025-03-31",
			cost: "2,600,000", grant: "1,900,000", private: "700,000", targets: "businesses_supported=12 new_products_processes=4", outcome: models.StatusApproved,
			summary: "Digital twins of forging and forming cells that cut scrap and energy use for aerospace and automotive suppliers."},
		{title: "Satellite payload test facility feasibility study", sector: "other:Space technologies", place: "S12000049",
			lead: "University of Strathclyde", partners: "Kelvinbridge Photonic Devices Ltd", start: "2023-06-01", end: "2024-03-31",
			cost: "650,000", grant: "500,000", private: "150,000", targets: "businesses_engaged=25 collaborations_formed=3", outcome: models.StatusClosed,
			summary: "Tests whether a shared vibration and thermal-vacuum facility would serve the region's small-satellite makers.",
			reason:  "Study delivered; its findings inform the 2025-26 extension bids."},
		{title: "Net zero retrofit skills academy", sector: "net_zero", place: "S12000049",
			lead: "Glasgow Caledonian University", partners: "Glasgow City Council; Clyde Science Skills Trust", start: "2023-09-01", end: "2026-03-31",
			cost: "1,800,000", grant: "1,400,000", private: "400,000", targets: "people_trained=320 businesses_supported=30 jobs_created=6", outcome: models.StatusApproved,
			summary: "Trains installers and surveyors in whole-house retrofit and heat pumps, with tenement homes as live sites."},
		{title: "Hydrogen-ready marine propulsion trials", sector: "transport", place: "S12000018",
			lead: "Cloch Marine Electrification Ltd", partners: "University of Strathclyde; University of the West of Scotland", start: "2025-05-01", end: "2026-03-31",
			cost: "2,300,000", grant: "1,500,000", private: "800,000", targets: "private_investment_leveraged=900,000 new_products_processes=2 jobs_safeguarded=11", outcome: models.StatusSubmitted,
			summary: "Sea trials of a hybrid hydrogen-electric drive on a harbour workboat, with a shore refuelling rig."},
		{title: "AI-assisted pathology triage", sector: "digital_ai", place: "S12000049",
			lead: "University of Glasgow", partners: "Calderbank Bioprocess Analytics Ltd", start: "2025-04-01", end: "2026-03-31",
			cost: "1,200,000", grant: "950,000", private: "250,000", targets: "collaborations_formed=4 new_products_processes=1", outcome: models.StatusChangesRequested,
			summary: "Machine-learning triage of digitised pathology slides so that urgent cases reach a pathologist sooner.",
			reason:  "Add the health board's letter of support and show how patient data will be governed."},
		{title: "Advanced materials recycling demonstrator", sector: "advanced_materials", place: "S12000050",
			lead: "Blythswood Precision Forming Ltd", partners: "University of Strathclyde", start: "2025-06-01", end: "2026-03-31",
			cost: "900,000", grant: "600,000", private: "300,000", targets: "new_products_processes=2 jobs_created=4", author: "demo-glasgow-staff", outcome: models.StatusDraft,
			summary: "Recovers carbon fibre from end-of-life parts and re-forms it into components for rail interiors."},
		{title: "Engineering biology scale-up facility", sector: "engineering_biology", place: "S12000039",
			lead: "University of Strathclyde", partners: "Calderbank Bioprocess Analytics Ltd", start: "2024-04-01", end: "2026-03-31",
			cost: "3,000,000", grant: "2,200,000", private: "800,000", targets: "businesses_supported=10 spin_outs_created=2", outcome: models.StatusWithdrawn,
			summary: "Fermentation scale-up capacity for engineering biology start-ups moving from grams to kilograms.",
			reason:  "The partners have folded this work into the continuous manufacturing project."},
	}},
	{tenant: "greater-manchester", manager: "demo-gm-manager", organisations: []demoOrganisation{
		{"University of Manchester", "university", "", "10099101", "", "Manchester", "E08000003"},
		{"Manchester Metropolitan University", "university", "", "10099102", "", "Manchester", "E08000003"},
		{"University of Salford", "university", "", "10099103", "", "Salford", "E08000006"},
		{"Irwell Graphene Composites Ltd", "business", "14523876", "", "", "Manchester", "E08000003"},
		{"Pennine Point-of-Care Diagnostics Ltd", "business", "13987214", "", "", "Oldham", "E08000004"},
		{"Mersey Vale Retrofit Systems Ltd", "business", "12876543", "", "", "Stockport", "E08000007"},
		{"Old Trafford Data Labs Ltd", "business", "15012398", "", "", "Trafford", "E08000009"},
		{"Croal Smart Textiles Ltd", "business", "11765432", "", "", "Bolton", "E08000001"},
		{"Northern Advanced Materials Centre", "rto", "10987654", "", "", "Rochdale", "E08000005"},
		{"Greater Manchester Combined Authority", "public_body", "", "", "", "Manchester", "E08000003"},
		{"Manchester Digital Inclusion Trust", "charity", "", "", "1187654", "Manchester", "E08000003"},
	}, projects: []demoProject{
		{title: "Graphene-enhanced composites for aerospace", sector: "advanced_materials", place: "E08000003",
			lead: "University of Manchester", partners: "Irwell Graphene Composites Ltd; Northern Advanced Materials Centre", start: "2023-07-01", end: "2025-03-31",
			cost: "5,200,000", grant: "3,900,000", private: "1,300,000", targets: "private_investment_leveraged=2,000,000 patents_filed=3 jobs_created=12.5", leads: []string{"demo-gm-lead"}, outcome: models.StatusApproved,
			summary: "Qualifies graphene-enhanced resins for aircraft interior panels, from coupon testing to a certified part."},
		{title: "Point-of-care diagnostics accelerator", sector: "health_life_sciences", place: "E08000004",
			lead: "Pennine Point-of-Care Diagnostics Ltd", partners: "University of Manchester; Manchester Metropolitan University", start: "2023-08-01", end: "2026-03-31",
			cost: "3,600,000", grant: "2,700,000", private: "900,000", targets: "businesses_supported=15 new_products_processes=6 jobs_created=8", outcome: models.StatusApproved,
			summary: "Helps diagnostics firms take lateral-flow and molecular tests through clinical evaluation and into NHS use."},
		{title: "Net zero housing retrofit demonstrator", sector: "net_zero", place: "E08000006",
			lead: "University of Salford", partners: "Mersey Vale Retrofit Systems Ltd; Greater Manchester Combined Authority", start: "2023-09-01", end: "2025-03-31",
			cost: "2,900,000", grant: "2,300,000", private: "600,000", targets: "businesses_engaged=60 people_trained=120", author: "demo-gm-staff", outcome: models.StatusApproved,
			summary: "Measures the real energy savings of retrofit packages in occupied terraced homes, to de-risk investment at scale."},
		{title: "Trustworthy AI for public services", sector: "digital_ai", place: "E08000009",
			lead: "Old Trafford Data Labs Ltd", partners: "Manchester Metropolitan University; Greater Manchester Combined Authority; Manchester Digital Inclusion Trust", start: "2023-10-01", end: "2025-03-31",
			cost: "1,700,000", grant: "1,300,000", private: "400,000", targets: "businesses_supported=20 collaborations_formed=5 people_trained=200", outcome: models.StatusApproved,
			summary: "Tools to test AI systems for bias and explainability before public bodies buy them, developed with local councils.",
			revised: "Show how residents will be involved in testing the tools, then resubmit."},
		{title: "Smart textiles for remote health monitoring", sector: "advanced_materials", place: "E08000001",
			lead: "Croal Smart Textiles Ltd", partners: "University of Manchester", start: "2024-04-01", end: "2025-03-31",
			cost: "800,000", grant: "750,000", private: "50,000", targets: "new_products_processes=2 jobs_created=3", outcome: models.StatusRejected,
			summary: "Garments with woven sensors that track heart rate and movement for patients recovering at home.",
			reason:  "The private co-investment is too small to meet the programme's leverage target; we would welcome a revised bid."},
		{title: "Advanced materials characterisation hub", sector: "advanced_materials", place: "E08000005",
			lead: "Northern Advanced Materials Centre", partners: "University of Manchester; Irwell Graphene Composites Ltd", start: "2023-07-01", end: "2026-03-31",
			cost: "4,400,000", grant: "3,300,000", private: "1,100,000", targets: "businesses_supported=40 collaborations_formed=10 jobs_safeguarded=15", leads: []string{"demo-gm-lead"}, outcome: models.StatusApproved,
			summary: "Open-access microscopy and testing so small manufacturers can characterise new materials without buying equipment."},
		{title: "Digital manufacturing skills for SMEs", sector: "digital_ai", place: "E08000003",
			lead: "Manchester Metropolitan University", partners: "Manchester Digital Inclusion Trust; Croal Smart Textiles Ltd", start: "2025-04-01", end: "2026-03-31",
			cost: "700,000", grant: "550,000", private: "150,000", targets: "people_trained=250 businesses_supported=35", author: "demo-gm-staff", outcome: models.StatusSubmitted,
			summary: "Short courses and factory visits that help small manufacturers adopt sensors, data and automation."},
		{title: "Low-carbon chemical synthesis for battery materials", sector: "chemistry", place: "E08000003",
			lead: "University of Manchester", partners: "Irwell Graphene Composites Ltd", start: "2025-06-01", end: "2026-03-31",
			cost: "1,500,000", grant: "1,100,000", private: "400,000", targets: "patents_filed=2 spin_outs_created=1", author: "demo-gm-lead", outcome: models.StatusDraft,
			summary: "Automated, solvent-light synthesis routes for cathode materials, screened by robotic chemistry."},
		{title: "Health data research network pilot", sector: "health_life_sciences", place: "E08000003",
			lead: "University of Manchester", partners: "Old Trafford Data Labs Ltd; Greater Manchester Combined Authority", start: "2025-04-01", end: "2026-03-31",
			cost: "2,000,000", grant: "1,600,000", private: "400,000", targets: "collaborations_formed=6 businesses_supported=8", leads: []string{"demo-gm-lead"}, outcome: models.StatusChangesRequested,
			summary: "Links primary and secondary care records for approved research by companies developing treatments.",
			reason:  "Explain how the network will be sustained after March 2026 and add the private partners' commitments."},
		{title: "Heat network sensors for net zero districts", sector: "net_zero", place: "E08000007",
			lead: "Mersey Vale Retrofit Systems Ltd", partners: "University of Salford", start: "2024-06-01", end: "2025-03-31",
			cost: "900,000", grant: "650,000", private: "250,000", targets: "new_products_processes=1 businesses_engaged=20", outcome: models.StatusWithdrawn,
			summary: "Low-cost sensors and analytics to find losses in district heat networks.",
			reason:  "The lead business lost its match funding; it may bid again in a later round."},
	}},
	{tenant: "west-midlands", manager: "demo-wm-manager", organisations: []demoOrganisation{
		{"University of Birmingham", "university", "", "10099501", "", "Birmingham", "E08000025"},
		{"Aston University", "university", "", "10099502", "", "Birmingham", "E08000025"},
		{"University of Warwick", "university", "", "10099503", "", "Coventry", "E08000026"},
		{"Tipton Lightweight Castings Ltd", "business", "12345098", "", "", "Dudley", "E08000027"},
		{"Arden Cell Manufacturing Ltd", "business", "13456721", "", "", "Coventry", "E08000026"},
		{"Sandwell Medical Devices Ltd", "business", "14678902", "", "", "West Bromwich", "E08000028"},
		{"Connected Manufacturing Catapult Centre", "catapult", "09876543", "", "", "Coventry", "E08000026"},
		{"West Midlands Combined Authority", "public_body", "", "", "", "Birmingham", "E08000025"},
		{"Black Country Green Skills Foundation", "charity", "", "", "1192345", "Wolverhampton", "E08000031"},
	}, projects: []demoProject{
		{title: "Battery cell pilot manufacturing line", sector: "transport", place: "E08000026",
			lead: "Arden Cell Manufacturing Ltd", partners: "University of Warwick; Connected Manufacturing Catapult Centre", start: "2023-07-01", end: "2026-03-31",
			cost: "6,500,000", grant: "5,000,000", private: "1,500,000", targets: "private_investment_leveraged=4,000,000 jobs_created=30 new_products_processes=3", leads: []string{"demo-wm-lead"}, outcome: models.StatusApproved,
			summary: "A pilot line where cell makers prove new chemistries at production speed before building a factory."},
		{title: "Medical technology translation programme", sector: "health_life_sciences", place: "E08000025",
			lead: "University of Birmingham", partners: "Sandwell Medical Devices Ltd; Aston University", start: "2023-08-01", end: "2025-03-31",
			cost: "4,000,000", grant: "3,100,000", private: "900,000", targets: "businesses_supported=25 new_products_processes=7 spin_outs_created=2", outcome: models.StatusApproved,
			summary: "Takes devices from hospital clinicians and university labs through regulatory approval with local manufacturers."},
		{title: "Lightweight alloy casting with digital process control", sector: "advanced_materials", place: "E08000027",
			lead: "Tipton Lightweight Castings Ltd", partners: "Connected Manufacturing Catapult Centre; Aston University", start: "2025-04-01", end: "2026-03-31",
			cost: "1,900,000", grant: "1,200,000", private: "700,000", targets: "jobs_safeguarded=40 new_products_processes=2", leads: []string{"demo-wm-lead"}, outcome: models.StatusSubmitted,
			summary: "In-line sensing and machine learning to cut defects in aluminium castings for electric vehicles."},
		{title: "Quantum navigation for autonomous vehicles", sector: "quantum", place: "E08000025",
			lead: "University of Birmingham", partners: "Connected Manufacturing Catapult Centre", start: "2024-04-01", end: "2026-03-31",
			cost: "3,300,000", grant: "3,000,000", private: "300,000", targets: "patents_filed=3 collaborations_formed=4", outcome: models.StatusRejected,
			summary: "Cold-atom inertial sensors for positioning when satellite navigation is unavailable.",
			reason:  "Strong science, but the route to adoption by businesses in the region is not yet clear."},
		{title: "Green skills bootcamps for the Black Country", sector: "net_zero", place: "E08000031",
			lead: "Black Country Green Skills Foundation", partners: "West Midlands Combined Authority; Aston University", start: "2025-05-01", end: "2026-03-31",
			cost: "600,000", grant: "500,000", private: "100,000", targets: "people_trained=400 businesses_engaged=50", author: "demo-wm-lead", outcome: models.StatusDraft,
			summary: "Twelve-week bootcamps in heat pump installation and battery maintenance, with employers guaranteeing interviews."},
	}},
}

// demoApproval is the reason given for approving a demo project that names none of its own.
const demoApproval = "Recommended by the local board; meets the programme's assessment criteria and offers value for money."

// demoStep is one workflow step of a demo project and who takes it.
type demoStep struct {
	by     string
	step   Transition
	reason string
}

// demoSeeder adds the register through the services, acting as the demo users, so every rule applies and each
// project's history reads as it would have happened: the manager submits, the funding approver decides.
type demoSeeder struct {
	organisations *Organisations
	projects      *Projects
	people        map[string]Principal // by demo subject
}

// seedDemoRegister adds the demo organisations and projects that are not there yet: organisations are known
// by name and projects by title within their accelerator, so seeding again changes nothing.
func seedDemoRegister(ctx context.Context, tx *models.Store, issuer string, tenants map[string]models.Tenant, now time.Time) error {
	people, err := demoPrincipals(ctx, tx, issuer, tenants)
	if err != nil {
		return err
	}
	clock := func() time.Time { return now }
	s := demoSeeder{organisations: NewOrganisations(tx, clock), projects: NewProjects(tx, clock), people: people}
	for _, reg := range demoRegisters {
		if err := s.seedTenant(ctx, reg); err != nil {
			return fmt.Errorf("seed the register of %s: %w", reg.tenant, err)
		}
	}
	return nil
}

func demoPrincipals(ctx context.Context, tx *models.Store, issuer string, tenants map[string]models.Tenant) (map[string]Principal, error) {
	people := map[string]Principal{}
	for _, person := range DemoPeople {
		user, err := tx.UserByIdentity(ctx, issuer, person.Subject)
		if err != nil {
			return nil, fmt.Errorf("demo user %s: %w", person.Subject, err)
		}
		memberships, err := tx.MembershipsOfUser(ctx, user.ID)
		if err != nil {
			return nil, err
		}
		tenant := tenants[person.Tenant]
		people[person.Subject] = newPrincipal(user, tenant, rolesIn(memberships, tenant.ID))
	}
	return people, nil
}

func (s demoSeeder) seedTenant(ctx context.Context, reg demoTenantRegister) error {
	manager := s.people[reg.manager]
	organisations, err := s.seedOrganisations(ctx, manager, reg.organisations)
	if err != nil {
		return err
	}
	existing, err := s.projects.Export(ctx, manager, ProjectFilter{})
	if err != nil {
		return err
	}
	titles := map[string]bool{}
	for _, row := range existing {
		titles[row.Title] = true
	}
	for _, dp := range reg.projects {
		if titles[dp.title] {
			continue
		}
		if err := s.seedProject(ctx, reg.manager, organisations, dp); err != nil {
			return fmt.Errorf("project %q: %w", dp.title, err)
		}
	}
	return nil
}

// seedOrganisations creates the organisations the tenant lacks and returns the IDs of all of them by name.
func (s demoSeeder) seedOrganisations(ctx context.Context, manager Principal, orgs []demoOrganisation) (map[string]int64, error) {
	existing, err := s.organisations.List(ctx, manager, 0)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	for _, o := range existing {
		ids[o.Name] = o.ID
	}
	for _, o := range orgs {
		if ids[o.name] != 0 {
			continue
		}
		created, err := s.organisations.Create(ctx, manager, OrganisationInput{Name: o.name, Kind: o.kind,
			CompaniesHouseNumber: o.companiesHouse, UKPRN: o.ukprn, CharityNumber: o.charity, Town: o.town, LocalAuthorityCode: o.place})
		if err != nil {
			return nil, fmt.Errorf("organisation %q: %w", o.name, err)
		}
		ids[o.name] = created.ID
	}
	return ids, nil
}

func (s demoSeeder) seedProject(ctx context.Context, managerSubject string, organisations map[string]int64, dp demoProject) error {
	author := s.people[cmp.Or(dp.author, managerSubject)]
	project, err := s.projects.Create(ctx, author, s.input(organisations, dp))
	if err != nil {
		return err
	}
	for _, step := range dp.steps(managerSubject) {
		if project, err = s.projects.Transition(ctx, s.people[step.by], project.ID, step.step, step.reason, project.Version); err != nil {
			return fmt.Errorf("%s: %w", step.step, err)
		}
	}
	return nil
}

func (s demoSeeder) input(organisations map[string]int64, dp demoProject) ProjectInput {
	sector, other, _ := strings.Cut(dp.sector, ":")
	in := ProjectInput{Title: dp.title, Summary: dp.summary, LeadOrganisationID: organisations[dp.lead],
		Sector: sector, SectorOther: other, LocalAuthorityCode: dp.place, StartDate: dp.start, EndDate: dp.end,
		TotalCost: dp.cost, GrantRequested: dp.grant, PrivateCoInvestment: dp.private, Targets: map[string]string{}}
	for _, name := range strings.Split(dp.partners, "; ") {
		in.PartnerOrganisationIDs = append(in.PartnerOrganisationIDs, organisations[name])
	}
	for _, target := range strings.Fields(dp.targets) {
		code, value, _ := strings.Cut(target, "=")
		in.Targets[code] = value
	}
	for _, subject := range dp.leads {
		in.LeadUserIDs = append(in.LeadUserIDs, s.people[subject].UserID)
	}
	return in
}

// steps is the path from draft to the project's outcome: the manager submits and withdraws, the funding
// approver decides and closes.
func (dp demoProject) steps(manager string) []demoStep {
	if dp.outcome == models.StatusDraft {
		return nil
	}
	steps := []demoStep{{manager, TransitionSubmit, ""}}
	if dp.revised != "" {
		steps = append(steps, demoStep{demoApprover, TransitionRequestChanges, dp.revised}, demoStep{manager, TransitionSubmit, ""})
	}
	switch dp.outcome {
	case models.StatusChangesRequested:
		steps = append(steps, demoStep{demoApprover, TransitionRequestChanges, dp.reason})
	case models.StatusRejected:
		steps = append(steps, demoStep{demoApprover, TransitionReject, dp.reason})
	case models.StatusWithdrawn:
		steps = append(steps, demoStep{manager, TransitionWithdraw, dp.reason})
	case models.StatusApproved:
		steps = append(steps, demoStep{demoApprover, TransitionApprove, cmp.Or(dp.reason, demoApproval)})
	case models.StatusClosed:
		steps = append(steps, demoStep{demoApprover, TransitionApprove, demoApproval}, demoStep{demoApprover, TransitionClose, dp.reason})
	}
	return steps
}
