package app

import (
	"context"

	"github.com/innovation-accelerators/portal/models"
)

// ExportedProject is one project as an export writes it, its targets written out for people
// ("Jobs created: 12.5 FTE").
type ExportedProject struct {
	models.ProjectExportRow
	TargetTexts []string
}

// Export hands every project matching the filter (every page of it, in reference order) to each, as it is
// read: nothing holds the whole register, so an export's memory does not grow with the register.
func (s *Projects) Export(ctx context.Context, p Principal, f ProjectFilter, each func(ExportedProject) error) error {
	f.Cursor, f.PageSize = "", ""
	q, _, err := s.query(ctx, p, f)
	if err != nil {
		return err
	}
	indicators, err := s.store.Indicators(ctx)
	if err != nil {
		return fromStore(err, "read indicators")
	}
	byCode := make(map[string]models.Indicator, len(indicators))
	for _, ind := range indicators {
		byCode[ind.Code] = ind
	}
	err = s.store.ExportProjects(ctx, q, func(row models.ProjectExportRow) error {
		out := ExportedProject{ProjectExportRow: row}
		for _, t := range row.Targets {
			ind := byCode[t.IndicatorCode]
			out.TargetTexts = append(out.TargetTexts, ind.Name+": "+FormatIndicatorValue(ind.Unit, t.Target))
		}
		return each(out)
	})
	return fromStore(err, "export projects")
}
