package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// exportColumn is one column of the register's exports: its heading and its cell for a project. Money
// columns say so (pence), for a spreadsheet to hold them as numbers.
type exportColumn struct {
	Heading string
	Text    func(r app.ExportedProject) string
	Pence   func(r app.ExportedProject) int64 // money columns only
}

// exportColumns are the CSV's and the workbook's columns, in order.
func exportColumns() []exportColumn {
	money := func(heading string, pence func(app.ExportedProject) int64) exportColumn {
		return exportColumn{Heading: heading, Pence: pence, Text: func(r app.ExportedProject) string { return app.FormatPoundsPlain(pence(r)) }}
	}
	return []exportColumn{
		{Heading: "Reference", Text: func(r app.ExportedProject) string { return r.Reference }},
		{Heading: "Title", Text: func(r app.ExportedProject) string { return r.Title }},
		{Heading: "Accelerator", Text: func(r app.ExportedProject) string { return r.TenantName }},
		{Heading: "Lead organisation", Text: func(r app.ExportedProject) string { return r.LeadOrganisationName }},
		{Heading: "Partners", Text: func(r app.ExportedProject) string { return strings.Join(r.Partners, "; ") }},
		{Heading: "Status", Text: func(r app.ExportedProject) string { return statusLabel(r.Status) }},
		{Heading: "Sector", Text: exportSector},
		{Heading: "Local authority code", Text: func(r app.ExportedProject) string { return r.LocalAuthorityCode }},
		{Heading: "Local authority", Text: func(r app.ExportedProject) string { return r.LocalAuthorityName }},
		{Heading: "Start date", Text: func(r app.ExportedProject) string { return r.StartDate.Format(time.DateOnly) }},
		{Heading: "End date", Text: func(r app.ExportedProject) string { return r.EndDate.Format(time.DateOnly) }},
		money("Total cost (£)", func(r app.ExportedProject) int64 { return r.TotalCostPence }),
		money("Grant requested (£)", func(r app.ExportedProject) int64 { return r.GrantRequestedPence }),
		money("Private co-investment (£)", func(r app.ExportedProject) int64 { return r.PrivateCoInvestmentPence }),
		{Heading: "Targets", Text: func(r app.ExportedProject) string { return strings.Join(r.TargetTexts, "; ") }},
		{Heading: "Project leads", Text: func(r app.ExportedProject) string { return strings.Join(r.Leads, "; ") }},
		{Heading: "Last updated", Text: func(r app.ExportedProject) string { return r.UpdatedAt.UTC().Format(time.RFC3339) }},
	}
}

func exportSector(r app.ExportedProject) string {
	return sectorText(models.Project{Sector: r.Sector, SectorOther: r.SectorOther})
}

// exportCells are a project's cells as text, each one a spreadsheet could read as a formula neutralised
// (app.SafeSpreadsheetCell): every cell, not only those a person typed, so no column is ever missed.
func exportCells(columns []exportColumn, r app.ExportedProject) []string {
	cells := make([]string, len(columns))
	for i, col := range columns {
		cells[i] = app.SafeSpreadsheetCell(col.Text(r))
	}
	return cells
}

// exportSheet writes an export as rows arrive: a CSV or a workbook.
type exportSheet interface {
	// header starts the download: its headers and the columns' headings.
	header(c *gin.Context, columns []exportColumn) error
	row(columns []exportColumn, r app.ExportedProject) error
	finish() error
}

// projectsExport downloads the register as filtered on its page (every matching project, not one page),
// written as it is read so that memory stays small whatever the register's size. A process serves a few
// exports at a time (Config.ExportConcurrency, a workbook counting as weight of them); one more is told to
// come back shortly (429).
func (s *Server) projectsExport(newSheet func() exportSheet, weight int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		release, ok := s.exports.tryAcquire(weight)
		if !ok {
			s.fail(c, &app.RateLimited{Limit: app.LimitExports, RetryAfter: 30 * time.Second})
			return
		}
		defer release()
		s.writeExport(c, newSheet())
	}
}

// writeExport streams the rows into the sheet. A problem before the first row is an ordinary error page;
// one after it can only end the download early, and is logged.
func (s *Server) writeExport(c *gin.Context, sheet exportSheet) {
	columns := exportColumns()
	started := false
	start := func() error {
		if started {
			return nil
		}
		started = true
		return sheet.header(c, columns)
	}
	err := s.projects.Export(c.Request.Context(), mustPrincipal(c), filterOf(c.Request.URL.Query()), func(r app.ExportedProject) error {
		if err := start(); err != nil {
			return err
		}
		return sheet.row(columns, r)
	})
	if err == nil {
		if err = start(); err == nil {
			err = sheet.finish()
		}
	}
	switch {
	case err != nil && !c.Writer.Written():
		s.fail(c, err)
	case err != nil:
		s.log.WarnContext(c.Request.Context(), "project export interrupted", "error", err)
	}
}

// downloadHeaders mark a response as a file to save, never kept in a cache.
func downloadHeaders(c *gin.Context, contentType, filename string) {
	c.Header("Content-Type", contentType)
	c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
}
