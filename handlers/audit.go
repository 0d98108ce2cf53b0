package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// AuditTrailService checks the audit trail's hash chains.
type AuditTrailService interface {
	Verify(ctx context.Context, p app.Principal) (models.AuditVerification, error)
}

type auditPage struct {
	basePage
	Verification models.AuditVerification
}

// auditTrail shows a programme administrator whether the audit trail is as the portal wrote it: the same
// check as `portal audit verify`, run when the page is asked for.
func (s *Server) auditTrail(c *gin.Context) {
	v, err := s.auditTrailService.Verify(c.Request.Context(), mustPrincipal(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderPage(c, http.StatusOK, "audit/index", auditPage{basePage: s.newBasePage(c, "Audit trail"), Verification: v})
}
