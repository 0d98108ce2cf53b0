package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

const module = "github.com/innovation-accelerators/portal"

// rule forbids the packages of a layer (a folder of the module, with its subpackages) some dependencies.
type rule struct {
	layer    string
	directly []string // may not import these (or their subpackages) itself
	anywhere []string // may not depend on these at all, not even through another package
	why      string
}

var rules = []rule{
	{layer: "models", directly: []string{"net/http"},
		anywhere: []string{"github.com/gin-gonic/gin", module + "/app", module + "/handlers", module + "/cmd"},
		why:      "models is entities and store queries: no HTTP, no rules, no wiring"},
	{layer: "app", anywhere: []string{"github.com/gin-gonic/gin", "html/template", module + "/handlers", module + "/cmd"},
		why: "app holds the rules every interface shares: no router, no pages"},
	{layer: "handlers", anywhere: []string{module + "/cmd"},
		why: "handlers are wired by cmd/portal, never the other way round"},
	{layer: "migrations", anywhere: []string{module + "/models", module + "/app", module + "/handlers", module + "/cmd"},
		why: "migrations are embedded SQL files"},
}

// environmentReaders are the functions that read the process environment.
var environmentReaders = map[string][]string{
	"os":      {"Getenv", "LookupEnv", "Environ", "ExpandEnv"},
	"syscall": {"Getenv", "Environ"},
}

// goPackage is what `go list -json` says about a package.
type goPackage struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	CgoFiles   []string
	Imports    []string
	Deps       []string
}

func TestArchitecture_DependenciesRunOneWay(t *testing.T) {
	for _, v := range importViolations(listPackages(t), rules) {
		t.Error(v)
	}
}

func TestArchitecture_OnlyCmdPortalReadsTheEnvironment(t *testing.T) {
	for _, pkg := range listPackages(t) {
		if pkg.ImportPath == module+"/cmd/portal" || isTestSupport(pkg.ImportPath) {
			continue
		}
		for _, name := range slices.Concat(pkg.GoFiles, pkg.CgoFiles) {
			file := filepath.Join(pkg.Dir, name)
			for _, v := range environmentReads(t, file, nil) {
				t.Errorf("%s: %s; only cmd/portal reads the environment and passes settings down", file, v)
			}
		}
	}
}

func TestArchitecture_TestSupportPackagesStayOutOfProductionCode(t *testing.T) {
	for _, pkg := range listPackages(t) {
		if isTestSupport(pkg.ImportPath) {
			continue
		}
		for _, imp := range pkg.Imports {
			if imp == "testing" || (strings.HasPrefix(imp, module+"/") && isTestSupport(imp)) {
				t.Errorf("%s imports %s, which is for tests only", pkg.ImportPath, imp)
			}
		}
	}
}

// The checks above must notice a forbidden import or environment read, or passing proves nothing.
func TestArchitecture_ChecksCatchWhatTheyForbid(t *testing.T) {
	planted := []goPackage{
		{ImportPath: module + "/models", Imports: []string{"net/http"}, Deps: []string{"net/http"}},
		{ImportPath: module + "/models/reports", Deps: []string{"github.com/gin-gonic/gin/render"}},
		{ImportPath: module + "/app", Imports: []string{"text/template"}, Deps: []string{"html/template", "text/template"}},
		{ImportPath: module + "/handlers/api", Deps: []string{module + "/cmd/portal"}},
		{ImportPath: module + "/handlers", Imports: []string{"net/http"}, Deps: []string{"net/http", "github.com/gin-gonic/gin"}},
	}
	if got := importViolations(planted, rules); len(got) != 4 {
		t.Errorf("found %d violations in 4 planted ones: %q", len(got), got)
	}
	source := "package models\nimport (\n\tenv \"os\"\n\t\"syscall\"\n)\nvar a = env.Getenv(\"A\")\nvar b, _ = syscall.Getenv(\"B\")\nvar read = env.LookupEnv\nvar safe = env.Args\n"
	if got := environmentReads(t, "planted.go", source); len(got) != 3 {
		t.Errorf("found %d environment reads in 3 planted ones: %q", len(got), got)
	}
}

func importViolations(pkgs []goPackage, rules []rule) []string {
	var found []string
	for _, pkg := range pkgs {
		for _, r := range rules {
			if !within(pkg.ImportPath, module+"/"+r.layer) {
				continue
			}
			for _, forbidden := range r.directly {
				for _, imp := range pkg.Imports {
					if within(imp, forbidden) {
						found = append(found, fmt.Sprintf("%s imports %s: %s", pkg.ImportPath, imp, r.why))
					}
				}
			}
			for _, forbidden := range r.anywhere {
				for _, dep := range pkg.Deps {
					if within(dep, forbidden) {
						found = append(found, fmt.Sprintf("%s depends on %s: %s", pkg.ImportPath, dep, r.why))
					}
				}
			}
		}
	}
	return found
}

// environmentReads lists the uses of environment-reading functions in a Go file (src, when given, instead of
// the file's contents): calls, and the functions passed as values.
func environmentReads(t *testing.T, file string, src any) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	local := map[string]string{} // local import name → package path
	for _, imp := range f.Imports {
		importPath := strings.Trim(imp.Path.Value, `"`)
		name := path.Base(importPath)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		local[name] = importPath
	}
	var reads []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if pkg, ok := sel.X.(*ast.Ident); ok && slices.Contains(environmentReaders[local[pkg.Name]], sel.Sel.Name) {
			reads = append(reads, fmt.Sprintf("line %d uses %s.%s", fset.Position(sel.Pos()).Line, local[pkg.Name], sel.Sel.Name))
		}
		return true
	})
	return reads
}

// within reports whether an import path is pkg or one of its subpackages.
func within(importPath, pkg string) bool {
	return importPath == pkg || strings.HasPrefix(importPath, pkg+"/")
}

// isTestSupport reports whether a package exists for tests only, like net/http/httptest: models/modeltest,
// handlers/portaltest.
func isTestSupport(importPath string) bool {
	return strings.HasSuffix(path.Base(importPath), "test")
}

// listPackages asks the go command about every package of the module, once for all the tests.
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	pkgs, err := modulePackages()
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

var modulePackages = sync.OnceValues(func() ([]goPackage, error) {
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Dir,GoFiles,CgoFiles,Imports,Deps", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []goPackage
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("read go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 5 {
		return nil, fmt.Errorf("go list found %d packages of %s, want the whole module", len(pkgs), module)
	}
	return pkgs, nil
})
