package handlers

import (
	"context"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// OrganisationService keeps the organisations register.
type OrganisationService interface {
	Page(ctx context.Context, p app.Principal, f app.OrganisationFilter) (app.OrganisationPage, error)
	Find(ctx context.Context, p app.Principal, tenantID int64, text string, limit int) ([]models.Organisation, error)
	Get(ctx context.Context, p app.Principal, id int64) (models.Organisation, error)
	Create(ctx context.Context, p app.Principal, in app.OrganisationInput) (models.Organisation, error)
	Update(ctx context.Context, p app.Principal, id int64, in app.OrganisationInput) (models.Organisation, error)
	MayEdit(p app.Principal, o models.Organisation) bool
	Tenants(ctx context.Context, p app.Principal) ([]models.Tenant, error)
	LocalAuthorities(ctx context.Context, p app.Principal) ([]models.LocalAuthority, error)
}

// ProjectService keeps the project register and its workflow.
type ProjectService interface {
	List(ctx context.Context, p app.Principal, f app.ProjectFilter) (app.ProjectPage, error)
	AwaitingCount(ctx context.Context, p app.Principal, upTo int) (int64, error)
	Export(ctx context.Context, p app.Principal, f app.ProjectFilter, each func(app.ExportedProject) error) error
	Get(ctx context.Context, p app.Principal, id int64) (app.ProjectDetail, error)
	GetByReference(ctx context.Context, p app.Principal, reference string) (app.ProjectDetail, error)
	Choices(ctx context.Context, p app.Principal) (app.FormChoices, error)
	Create(ctx context.Context, p app.Principal, in app.ProjectInput) (models.Project, error)
	Update(ctx context.Context, p app.Principal, id int64, in app.ProjectInput) (models.Project, error)
	Patch(ctx context.Context, p app.Principal, id int64, patch app.ProjectPatch) (models.Project, error)
	Transition(ctx context.Context, p app.Principal, id int64, t app.Transition, reason string, version int) (models.Project, error)
	EditRefusal(p app.Principal, project models.Project) error
	OfOrganisation(ctx context.Context, p app.Principal, organisationID int64) ([]models.OrganisationProject, error)
	StepRefusal(p app.Principal, project models.Project, t app.Transition) error
	Check(ctx context.Context, p app.Principal, id int64, t app.Transition, reason string) error
	DecisionView(ctx context.Context, p app.Principal, id int64) (app.DecisionView, error)
	DecisionContext(ctx context.Context, p app.Principal, id int64) (app.DecisionView, error)
}

// APITokenService issues personal API tokens and recognises them.
type APITokenService interface {
	Create(ctx context.Context, p app.Principal, name, days string) (app.NewToken, error)
	List(ctx context.Context, p app.Principal) ([]models.APIToken, error)
	Revoke(ctx context.Context, p app.Principal, tokenID string) error
	Authenticate(ctx context.Context, secret string) (app.Principal, error)
}
