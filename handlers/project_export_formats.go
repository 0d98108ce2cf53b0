package handlers

import (
	"encoding/csv"
	"fmt"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/innovation-accelerators/portal/app"
)

// utf8BOM starts the CSV so that spreadsheet programs read it as UTF-8 (the "£" in the headings included).
const utf8BOM = "\uFEFF"

// csvSheet writes the export as CSV, straight to the response.
type csvSheet struct {
	w *csv.Writer
}

func newCSVSheet() exportSheet { return &csvSheet{} }

func (s *csvSheet) header(c *gin.Context, columns []exportColumn) error {
	downloadHeaders(c, "text/csv; charset=utf-8", "projects.csv")
	if _, err := c.Writer.WriteString(utf8BOM); err != nil {
		return err
	}
	s.w = csv.NewWriter(c.Writer)
	headings := make([]string, len(columns))
	for i, col := range columns {
		headings[i] = col.Heading
	}
	return s.w.Write(headings)
}

func (s *csvSheet) row(columns []exportColumn, r app.ExportedProject) error {
	return s.w.Write(exportCells(columns, r))
}

func (s *csvSheet) finish() error {
	s.w.Flush()
	return s.w.Error()
}

// xlsxSheet writes the export as an Excel workbook through excelize's stream writer, which keeps a bounded
// buffer and spills the rest of the sheet to a temporary file; the workbook is sent when the last row is in.
type xlsxSheet struct {
	c      *gin.Context
	file   *excelize.File
	stream *excelize.StreamWriter
	money  int // the number format of money cells
	next   int // the next row's number
}

func newXLSXSheet() exportSheet { return &xlsxSheet{} }

const xlsxSheetName = "Projects"

func (s *xlsxSheet) header(c *gin.Context, columns []exportColumn) error {
	s.c, s.file, s.next = c, excelize.NewFile(), 2
	if err := s.file.SetSheetName("Sheet1", xlsxSheetName); err != nil {
		return err
	}
	var err error
	if s.stream, err = s.file.NewStreamWriter(xlsxSheetName); err != nil {
		return err
	}
	if s.money, err = s.file.NewStyle(&excelize.Style{NumFmt: 4}); err != nil { // #,##0.00
		return err
	}
	headings := make([]any, len(columns))
	for i, col := range columns {
		headings[i] = col.Heading
	}
	return s.stream.SetRow("A1", headings)
}

// row writes text cells as strings (neutralised, as in the CSV) and money as numbers of pounds with two
// decimals. float64(pence)/100 is the double nearest the exact amount, which is how a spreadsheet holds a
// number anyway, and prints as the exact pounds and pence for any amount below 2^53 pence.
func (s *xlsxSheet) row(columns []exportColumn, r app.ExportedProject) error {
	cells := exportCells(columns, r)
	values := make([]any, len(columns))
	for i, col := range columns {
		values[i] = cells[i]
		if col.Pence != nil {
			values[i] = excelize.Cell{StyleID: s.money, Value: float64(col.Pence(r)) / 100}
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, s.next)
	if err != nil {
		return err
	}
	s.next++
	return s.stream.SetRow(cell, values)
}

func (s *xlsxSheet) finish() error {
	defer s.file.Close()
	if err := s.stream.Flush(); err != nil {
		return fmt.Errorf("finish workbook: %w", err)
	}
	downloadHeaders(s.c, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "projects.xlsx")
	return s.file.Write(s.c.Writer)
}
