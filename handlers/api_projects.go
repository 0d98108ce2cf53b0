package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// apiList is a page of a collection and where it sits in the whole.
type apiList[T any] struct {
	Data []T         `json:"data"`
	Meta apiPageMeta `json:"meta"`
}

type apiPageMeta struct {
	Total    int64 `json:"total"`
	Page     int   `json:"page"`
	PageSize int   `json:"page_size"`
	Pages    int   `json:"pages"`
}

// apiListProjects lists the projects the caller may see, filtered as app.ProjectFilter reads the query.
func (s *Server) apiListProjects(c *gin.Context) {
	f := app.ProjectFilter{
		Tenant: c.Query("tenant"), Status: c.Query("status"), Sector: c.Query("sector"),
		LeadOrganisation: c.Query("lead_organisation"), Text: c.Query("q"), Sort: c.Query("sort"),
		Page: c.Query("page"), PageSize: c.Query("page_size"),
	}
	page, err := s.projects.List(c.Request.Context(), mustPrincipal(c), f)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	out := apiList[apiProject]{Data: []apiProject{}, Meta: apiPageMeta{page.Total, page.Page, page.PageSize, page.Pages()}}
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
		s.apiFail(c, err)
		return
	}
	project, err := s.projects.Create(c.Request.Context(), mustPrincipal(c), in)
	if err != nil {
		s.apiFail(c, err)
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
		s.apiFail(c, err)
		return
	}
	if _, err := s.projects.Patch(c.Request.Context(), mustPrincipal(c), id, patch); err != nil {
		s.apiFail(c, err)
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
		s.apiFail(c, err)
		return
	}
	if _, err := s.projects.Update(c.Request.Context(), mustPrincipal(c), id, in); err != nil {
		s.apiFail(c, err)
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
			s.apiFail(c, err)
			return
		}
		version, err := apiVersion(body.Version)
		if err == nil {
			_, err = s.projects.Transition(c.Request.Context(), mustPrincipal(c), id, t, body.Reason, version)
		}
		if err != nil {
			s.apiFail(c, err)
			return
		}
		s.apiRespondProject(c, http.StatusOK, id)
	}
}

// apiRespondProject answers with a project as the caller now sees it, with the actions open to them.
func (s *Server) apiRespondProject(c *gin.Context, status int, id int64) {
	detail, err := s.projects.Get(c.Request.Context(), mustPrincipal(c), id)
	if err != nil {
		s.apiFail(c, err)
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
		s.apiFail(c, app.ErrNotFound)
		return 0, false
	}
	return id, true
}
