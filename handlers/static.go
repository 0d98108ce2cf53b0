package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// stylesheet is the compiled GOV.UK Frontend CSS that `make assets` builds.
const stylesheet = "govuk/portal.css"

// assetSet serves the embedded static files under a path that changes whenever any of them changes, so
// browsers may cache them for a year and still never see a stale copy.
type assetSet struct {
	files   fs.FS
	version string
}

func newAssetSet(files fs.FS, log *slog.Logger) (*assetSet, error) {
	sum := sha256.New()
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := files.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		io.WriteString(sum, p)
		_, err = io.Copy(sum, f)
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(files, stylesheet); err != nil {
		log.Warn("GOV.UK Frontend assets are not built: pages will be unstyled; run `make assets`")
	}
	return &assetSet{files: files, version: hex.EncodeToString(sum.Sum(nil))[:12]}, nil
}

// url is the address of a static file, for templates: {{asset "portal.js"}}.
func (a *assetSet) url(name string) string {
	return "/static/" + a.version + "/" + strings.TrimPrefix(name, "/")
}

// serve answers GET /static/:version/*path. A request for an older version still gets the current file,
// but without the long cache lifetime.
func (a *assetSet) serve(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("path"), "/")
	if name == "" || !fs.ValidPath(name) {
		c.Status(http.StatusNotFound)
		return
	}
	// Only files: a folder would be answered with a redirect or a listing of its files.
	if info, err := fs.Stat(a.files, name); err != nil || info.IsDir() {
		c.Status(http.StatusNotFound)
		return
	}
	if c.Param("version") == a.version {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "no-cache")
	}
	c.FileFromFS(name, http.FS(a.files))
}

// favicon answers browsers that ask for /favicon.ico without reading the page's icon links.
func (a *assetSet) favicon(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=86400")
	c.FileFromFS("favicon.ico", http.FS(a.files))
}
