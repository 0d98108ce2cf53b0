package handlers

import (
	"encoding/csv"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// exportColumns are the CSV's headings, in the order projectRecord writes the cells.
var exportColumns = []string{
	"Reference", "Title", "Accelerator", "Lead organisation", "Status", "Sector", "Local authority code",
	"Start date", "End date", "Total cost (£)", "Grant requested (£)", "Private co-investment (£)", "Last updated",
}

// projectsExport downloads the register as filtered on its page (every matching project, not one page) as
// CSV. Every cell a person typed passes through app.SafeSpreadsheetCell, so a spreadsheet never runs it.
func (s *Server) projectsExport(c *gin.Context) {
	rows, err := s.projects.Export(c.Request.Context(), mustPrincipal(c), filterOf(c.Request.URL.Query()))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="projects.csv"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	w := csv.NewWriter(c.Writer)
	_ = w.Write(exportColumns)
	for _, row := range rows {
		_ = w.Write(projectRecord(row))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		s.log.WarnContext(c.Request.Context(), "project export interrupted", "error", err)
	}
}

func projectRecord(r models.ProjectRow) []string {
	place := ""
	if r.LocalAuthorityCode != nil {
		place = *r.LocalAuthorityCode
	}
	text := []string{r.Reference, r.Title, r.TenantName, r.LeadOrganisationName, statusLabel(r.Status), sectorText(r.Project), place}
	for i := range text {
		text[i] = app.SafeSpreadsheetCell(text[i])
	}
	return append(text,
		app.DateText(r.StartDate), app.DateText(r.EndDate),
		app.PoundsText(r.TotalCostPence), app.PoundsText(r.GrantRequestedPence),
		app.PoundsText(r.PrivateCoInvestmentPence), r.UpdatedAt.UTC().Format(time.RFC3339),
	)
}
