package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// apiList is a page of a collection, where it sits in the whole, and the links to the pages beside it.
type apiList[T any] struct {
	Data  []T         `json:"data"`
	Meta  apiPageMeta `json:"meta"`
	Links apiLinks    `json:"links"`
}

// apiPageMeta says how many records match (counted up to 10,000: total_exact is false beyond) and holds
// the opaque cursors of the pages beside this one (null where there is none).
type apiPageMeta struct {
	PageSize       int     `json:"page_size"`
	Total          int64   `json:"total"`
	TotalExact     bool    `json:"total_exact"`
	NextCursor     *string `json:"next_cursor"`
	PreviousCursor *string `json:"previous_cursor"`
}

// apiLinks are the addresses of the pages beside this one, with the same query and the cursor set.
type apiLinks struct {
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
}

func newAPIPageMeta(c *gin.Context, size int, total int64, exact bool, next, previous string) (apiPageMeta, apiLinks) {
	meta := apiPageMeta{PageSize: size, Total: total, TotalExact: exact}
	var links apiLinks
	if next != "" {
		meta.NextCursor, links.Next = &next, apiCursorLink(c, next)
	}
	if previous != "" {
		meta.PreviousCursor, links.Previous = &previous, apiCursorLink(c, previous)
	}
	return meta, links
}

func apiCursorLink(c *gin.Context, cursor string) *string {
	q := c.Request.URL.Query()
	q.Set("cursor", cursor)
	link := c.Request.URL.Path + "?" + q.Encode()
	return &link
}

// apiNoPageNumbers refuses the page numbers of the API before it paged by cursor, saying what to do instead.
func apiNoPageNumbers(c *gin.Context) error {
	if c.Query("page") == "" {
		return nil
	}
	return &app.ValidationError{Fields: map[string]string{"page": "Pages have no numbers: follow links.next, or send meta.next_cursor as cursor"}}
}

// apiListProjects lists the projects the caller may see, filtered as app.ProjectFilter reads the query.
func (s *Server) apiListProjects(c *gin.Context) {
	if err := apiNoPageNumbers(c); err != nil {
		s.fail(c, err)
		return
	}
	f := app.ProjectFilter{
		Tenant: c.Query("tenant"), Status: c.Query("status"), Sector: c.Query("sector"),
		LeadOrganisation: c.Query("lead_organisation"), Text: c.Query("q"), Sort: c.Query("sort"),
		Cursor: c.Query("cursor"), PageSize: c.Query("page_size"),
	}
	page, err := s.projects.List(c.Request.Context(), mustPrincipal(c), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := apiList[apiProject]{Data: make([]apiProject, 0, len(page.Rows))}
	out.Meta, out.Links = newAPIPageMeta(c, page.PageSize, page.Total, page.TotalExact, page.Next, page.Previous)
	for _, row := range page.Rows {
		out.Data = append(out.Data, newAPIProject(row.Project, row.TenantName, row.LeadOrganisationName))
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) apiGetProject(c *gin.Context) {
	id, ok := s.apiPathID(c)
	if !ok {
		return
	}
	acceptPatch(c.Writer.Header())
	s.apiRespondProject(c, http.StatusOK, id)
}

// apiCreateProject registers a draft in the caller's accelerator and answers 201 with where it lives.
func (s *Server) apiCreateProject(c *gin.Context) {
	in, err := decodeProjectCreate(c.Request)
	if err != nil {
		s.fail(c, err)
		return
	}
	project, err := s.projects.Create(c.Request.Context(), mustPrincipal(c), in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", apiProjectLocation(project.ID))
	s.apiRespondProject(c, http.StatusCreated, project.ID)
}

// apiPatchProject changes only the fields a JSON Merge Patch names, of a draft or a project sent back for
// changes, if the version it names is still current.
func (s *Server) apiPatchProject(c *gin.Context) {
	acceptPatch(c.Writer.Header())
	id, ok := s.apiPathID(c)
	if !ok {
		return
	}
	patch, err := decodeProjectPatch(c.Request)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.projects.Patch(c.Request.Context(), mustPrincipal(c), id, patch); err != nil {
		s.fail(c, err)
		return
	}
	s.apiRespondProject(c, http.StatusOK, id)
}

// apiReplaceProject replaces every editable field of a draft or a project sent back for changes: what the
// body leaves out is cleared.
func (s *Server) apiReplaceProject(c *gin.Context) {
	id, ok := s.apiPathID(c)
	if !ok {
		return
	}
	in, err := decodeProjectReplace(c.Request)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.projects.Update(c.Request.Context(), mustPrincipal(c), id, in); err != nil {
		s.fail(c, err)
		return
	}
	s.apiRespondProject(c, http.StatusOK, id)
}

// apiTransition takes one workflow step; the answer is the project as it now is.
func (s *Server) apiTransition(t app.Transition) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := s.apiPathID(c)
		if !ok {
			return
		}
		var body apiTransitionBody
		if err := decodeJSONBody(c.Request, &body); err != nil {
			s.fail(c, err)
			return
		}
		version, err := apiVersion(body.Version)
		if err == nil {
			_, err = s.projects.Transition(c.Request.Context(), mustPrincipal(c), id, t, body.Reason, version)
		}
		if err != nil {
			s.fail(c, err)
			return
		}
		s.apiRespondProject(c, http.StatusOK, id)
	}
}

// apiRespondProject answers with a project as the caller now sees it, with the actions open to them.
func (s *Server) apiRespondProject(c *gin.Context, status int, id int64) {
	detail, err := s.projects.Get(c.Request.Context(), mustPrincipal(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, newAPIProjectDetail(detail))
}

func apiProjectLocation(id int64) string {
	return "/api/v1/projects/" + strconv.FormatInt(id, 10)
}

// apiPathID reads the record ID in the path. One that is not a positive number names no record: 404, as for
// a record that does not exist.
func (s *Server) apiPathID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		s.fail(c, app.ErrNotFound)
		return 0, false
	}
	return id, true
}
