package main

import (
	"bytes"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/howserverswait/book/tangle/book"
)

// An ident is a Go identifier that the book's code defines at package
// level: a type, function, method, constant or variable.
type ident struct {
	Name string // "Handle", or "Server.Serve" for a method
	Kind string // type, func, method, const or var
	Pkg  string // the package's name
	Def  place
	Uses []place // blocks that use it, one entry a block
	Test bool    // defined in a proof: a test helper, not indexed
}

// A place is a line of a code block in a chapter.
type place struct {
	ci    *chapterInfo
	block *book.Block
	line  int
}

// ID is the identifier's anchor on the index page.
func (id *ident) ID() string { return "id-" + id.Pkg + "." + id.Name }

// An identIndex lists the identifiers, sorted by name, and where the
// code names them.
type identIndex struct {
	list []*ident
	refs identRefs
}

// buildIdents type-checks the tangled Go code of every chapter, in book
// order, and indexes what it defines and where that is used. Imports
// from outside the book are not loaded (that would cost seconds): they
// stay unresolved, so only the book's own identifiers are indexed.
func (s *site) buildIdents() *identIndex {
	x := &identIndex{refs: identRefs{}}
	modPath := modulePath(s.root)
	fset := token.NewFileSet()
	pkgs := map[string]*types.Package{}
	defs := map[types.Object]*ident{}
	var uses []map[*ast.Ident]types.Object
	for _, ci := range s.ordered() {
		for _, g := range goPackages(fset, ci.outputs) {
			info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
			conf := types.Config{
				Importer:    importerFunc(func(p string) (*types.Package, error) { return fakeImport(pkgs, p), nil }),
				Error:       func(error) {},
				FakeImportC: true,
			}
			pkg, _ := conf.Check(modPath+"/"+g.dir, fset, g.files, info)
			if !strings.HasSuffix(pkg.Name(), "_test") {
				pkgs[pkg.Path()] = pkg
			}
			for id, obj := range info.Defs {
				if d := s.newIdent(fset, pkg, id, obj); d != nil {
					defs[obj] = d
					x.list = append(x.list, d)
					x.refs.add(d.Def, id.Name, d)
				}
			}
			uses = append(uses, info.Uses)
		}
	}
	for _, u := range uses {
		for id, obj := range u {
			if d := defs[obj]; d != nil {
				p := s.placeOf(fset.Position(id.Pos()))
				d.addUse(p)
				x.refs.add(p, id.Name, d)
			}
		}
	}
	for _, d := range x.list {
		sort.Slice(d.Uses, func(i, j int) bool {
			a, b := d.Uses[i], d.Uses[j]
			if a.ci.num != b.ci.num {
				return a.ci.num < b.ci.num
			}
			return a.block.Index < b.block.Index
		})
	}
	sort.Slice(x.list, func(i, j int) bool {
		a, b := x.list[i], x.list[j]
		if la, lb := strings.ToLower(a.Name), strings.ToLower(b.Name); la != lb {
			return la < lb
		}
		return a.Pkg < b.Pkg
	})
	return x
}

// newIdent describes a package-level definition, or returns nil.
func (s *site) newIdent(fset *token.FileSet, pkg *types.Package, id *ast.Ident, obj types.Object) *ident {
	if obj == nil || obj.Name() == "_" || obj.Name() == "init" {
		return nil
	}
	d := &ident{Name: obj.Name(), Pkg: pkg.Name()}
	switch o := obj.(type) {
	case *types.Func:
		d.Kind = "func"
		if recv := o.Signature().Recv(); recv != nil {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			named, ok := t.(*types.Named)
			if !ok {
				return nil
			}
			d.Kind, d.Name = "method", named.Obj().Name()+"."+o.Name()
		} else if o.Parent() != pkg.Scope() {
			return nil
		}
	case *types.TypeName:
		d.Kind = "type"
	case *types.Const:
		d.Kind = "const"
	case *types.Var:
		d.Kind = "var"
	default:
		return nil
	}
	if d.Kind != "method" && obj.Parent() != pkg.Scope() {
		return nil
	}
	pos := fset.Position(id.Pos())
	if d.Kind == "func" && strings.HasSuffix(pos.Filename, "_test.go") {
		return nil
	}
	d.Def = s.placeOf(pos)
	if d.Def.ci == nil || (d.Kind == "func" && isTestFunc(d.Name)) {
		return nil
	}
	d.Test = d.Def.block != nil && d.Def.ci.roles.proof[d.Def.block]
	return d
}

// isTestFunc reports names that go test calls itself.
func isTestFunc(name string) bool {
	for _, p := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// addUse records a use, once a block, leaving out the defining block.
func (d *ident) addUse(p place) {
	if p.block == nil || p.block == d.Def.block {
		return
	}
	for _, u := range d.Uses {
		if u.block == p.block {
			return
		}
	}
	d.Uses = append(d.Uses, p)
}

// placeOf maps a position, which //line directives point at the
// Markdown, to the chapter and block it lies in.
func (s *site) placeOf(pos token.Position) place {
	dir := path.Dir(filepath.ToSlash(pos.Filename))
	ci := s.chapters[path.Base(dir)]
	if ci == nil || ci.ch.Dir != dir {
		return place{}
	}
	return place{ci: ci, block: ci.lines[pos.Line], line: pos.Line}
}

// A goPackage is the parsed files of one package in one directory.
type goPackage struct {
	dir   string // slash path from the root
	files []*ast.File
}

// goPackages parses a chapter's Go outputs and groups them by
// directory and package name, leaving out files that the build
// constraints exclude on linux (the solutions, other systems).
func goPackages(fset *token.FileSet, outs []*book.Output) []goPackage {
	content := map[string][]byte{}
	for _, o := range outs {
		content[o.Path] = o.Content
	}
	ctx := build.Default
	ctx.GOOS, ctx.CgoEnabled = "linux", false
	ctx.OpenFile = func(p string) (io.ReadCloser, error) {
		if c, ok := content[filepath.ToSlash(p)]; ok {
			return io.NopCloser(bytes.NewReader(c)), nil
		}
		return nil, os.ErrNotExist
	}
	ctx.JoinPath = path.Join
	var order []string
	groups := map[string]*goPackage{}
	for _, o := range outs {
		if o.File.Lang != "go" {
			continue
		}
		dir, name := path.Split(o.Path)
		if ok, err := ctx.MatchFile(path.Clean(dir), name); err != nil || !ok {
			continue
		}
		// Named without its directory: go/scanner reads a relative
		// //line file name as relative to the file's own directory, and
		// tangle's directives name chapters/NN-slug/README.md.
		f, err := parser.ParseFile(fset, name, o.Content, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		key := path.Clean(dir) + " " + f.Name.Name
		if groups[key] == nil {
			groups[key] = &goPackage{dir: path.Clean(dir)}
			order = append(order, key)
		}
		groups[key].files = append(groups[key].files, f)
	}
	sort.SliceStable(order, func(i, j int) bool { // a package before its _test
		return !strings.HasSuffix(order[i], "_test") && strings.HasSuffix(order[j], "_test")
	})
	out := make([]goPackage, len(order))
	for i, k := range order {
		out[i] = *groups[k]
	}
	return out
}

// importerFunc makes a function a types.Importer.
type importerFunc func(path string) (*types.Package, error)

// Import calls f.
func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// fakeImport returns a package checked earlier, or an empty stand-in.
func fakeImport(pkgs map[string]*types.Package, p string) *types.Package {
	if pkg := pkgs[p]; pkg != nil {
		return pkg
	}
	name := path.Base(p)
	if i := strings.IndexByte(name, '-'); i >= 0 {
		name = name[i+1:]
	}
	pkg := types.NewPackage(p, strings.ReplaceAll(name, "-", ""))
	pkg.MarkComplete()
	pkgs[p] = pkg
	return pkg
}

// modulePath reads the module path from go.mod under root.
func modulePath(root string) string {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if m, ok := strings.CutPrefix(strings.TrimSpace(l), "module "); ok {
				return strings.Trim(strings.TrimSpace(m), `"`)
			}
		}
	}
	return "book"
}

// identRefs maps each chapter's Markdown lines to the book's
// identifiers named on them: chapter slug -> line -> name -> ident.
type identRefs map[string]map[int]map[string]*ident

// add records that name on a line of a chapter means d.
func (r identRefs) add(p place, name string, d *ident) {
	if p.ci == nil {
		return
	}
	lines := r[p.ci.ch.Slug()]
	if lines == nil {
		lines = map[int]map[string]*ident{}
		r[p.ci.ch.Slug()] = lines
	}
	if lines[p.line] == nil {
		lines[p.line] = map[string]*ident{}
	}
	if _, taken := lines[p.line][name]; !taken {
		lines[p.line][name] = d
	}
}

// identLink is the href for an identifier named on a line of this
// page's chapter: a use links to the definition, and the definition
// to its entry in the index, which lists every use.
func (p *pageCtx) identLink(line int, name string) string {
	d := p.s.idents.refs[p.ci.ch.Slug()][line][name]
	if d == nil {
		return ""
	}
	if d.Def.ci == p.ci && d.Def.line == line {
		if d.Test {
			return "" // test helpers are not in the index
		}
		return p.root + "identifiers.html#" + d.ID()
	}
	if p.print {
		return "#" + d.Def.ci.ch.Slug() + "--" + lineID(d.Def.line)
	}
	return p.root + placeHref(d.Def)
}
