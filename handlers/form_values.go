package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// pathID reads the :id of a route; anything but a positive whole number is a page that does not exist.
func pathID(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("bad id %q: %w", c.Param("id"), app.ErrNotFound)
	}
	return id, nil
}

// formID reads an ID a form chose: 0 when nothing was chosen, and -1 (which matches no record, so the app
// says "select one from the list") when the value is not a number.
func formID(value string) int64 {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	id, err := strconv.ParseInt(value, 10, 64)
	if err != nil || id <= 0 {
		return -1
	}
	return id
}

// formIDs reads every value of a multiple choice, such as checkboxes, as IDs.
func formIDs(values []string) []int64 {
	var ids []int64
	for _, v := range values {
		if id := formID(v); id != 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// formVersion reads the version a form was filled in from; a missing or forged one reads as -1, which is
// never current, so the app refuses the change as a stale edit.
func formVersion(c *gin.Context) int {
	v, err := strconv.Atoi(strings.TrimSpace(c.PostForm("version")))
	if err != nil || v < 1 {
		return -1
	}
	return v
}

// dateInput is a GOV.UK date input: three boxes a person types day, month and year into.
type dateInput struct {
	Day, Month, Year string
}

func postedDate(c *gin.Context, field string) dateInput {
	return dateInput{
		Day:   strings.TrimSpace(c.PostForm(field + "-day")),
		Month: strings.TrimSpace(c.PostForm(field + "-month")),
		Year:  strings.TrimSpace(c.PostForm(field + "-year")),
	}
}

// ISO writes the date as YYYY-MM-DD for the app to check: "" when all three boxes are empty, and
// something the app finds is not a real date when any box is empty or not a number.
func (d dateInput) ISO() string {
	if d.Day == "" && d.Month == "" && d.Year == "" {
		return ""
	}
	return d.Year + "-" + twoDigits(d.Month) + "-" + twoDigits(d.Day)
}

func twoDigits(s string) string {
	if len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		return "0" + s
	}
	return s
}

// generalError is a problem with the whole form rather than one field, for the error summary.
func generalError(message string) formErrors {
	return formErrors{List: []fieldError{{Message: message}}}
}

// problemErrors shows what a page's problem is: a validation error by field, in the order given; a refusal
// by its message at the top; nothing for no problem.
func problemErrors(problem error, order ...string) formErrors {
	var verr *app.ValidationError
	switch {
	case errors.As(problem, &verr):
		return newFormErrors(verr, order...)
	case problem != nil:
		return generalError(refusalMessage(problem))
	}
	return formErrors{}
}
