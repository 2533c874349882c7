package book

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// manifestName is the file, in a chapter's directory, that lists the
// generated files that cannot carry a header (text fixtures, JSON).
const manifestName = ".tangled"

// A Change is one thing tangling would do to the disk.
type Change struct {
	Path   string  // slash path from the repository root
	Output *Output // what to write; nil to remove the file
	Old    []byte  // the file's current content, nil if it is missing
}

// Kind says what the change does: "missing", "stale" or "removed".
func (c *Change) Kind() string {
	switch {
	case c.Output == nil:
		return "no longer generated"
	case c.Old == nil:
		return "missing"
	}
	return "stale or edited by hand"
}

// Plan compares the outputs of chapters with the files under root and
// returns the changes that would bring the disk up to date. It fails,
// changing nothing, if a target is not tangle's to write.
func Plan(root string, chapters []*Chapter, outputs [][]*Output) ([]*Change, error) {
	perChapter := make([][]*Change, len(chapters))
	errList := make([]error, len(chapters))
	parallel(len(chapters), func(i int) {
		perChapter[i], errList[i] = planChapter(root, chapters[i], outputs[i])
	})
	var changes []*Change
	var errs Errors
	for i := range chapters {
		errs.appendErr(errList[i])
		changes = append(changes, perChapter[i]...)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	return changes, nil
}

func planChapter(root string, c *Chapter, outs []*Output) ([]*Change, error) {
	var errs Errors
	var changes []*Change
	dir := filepath.Join(root, filepath.FromSlash(c.Dir))
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, &Error{Path: c.Dir, Msg: err.Error()}
	}
	owned := readManifest(dir)
	produced := map[string]bool{}
	var plain []string // produced files without a header
	for _, o := range outs {
		rel := o.File.Path
		produced[rel] = true
		if !o.Header {
			plain = append(plain, rel)
		}
		line := o.File.Blocks[0].Line
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if msg := checkInside(dir, realDir, target); msg != "" {
			errs.Add(c.Path, line, "file %s: %s", rel, msg)
			continue
		}
		old, err := os.ReadFile(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			old = nil
		case err != nil:
			errs.Add(c.Path, line, "file %s: %v", rel, err)
			continue
		case !HasHeader(old) && !owned[rel]:
			errs.Add(c.Path, line, "file %s exists and was not written by tangle; move it away or remove it", rel)
			continue
		}
		if old == nil || !bytes.Equal(old, o.Content) {
			changes = append(changes, &Change{Path: o.Path, Output: o, Old: old})
		}
	}
	stale, err := staleFiles(dir, c, produced, owned)
	if err != nil {
		errs.Add(c.Path, 0, "%v", err)
	}
	for _, rel := range stale {
		old, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		changes = append(changes, &Change{Path: c.Dir + "/" + rel, Old: old})
	}
	if m := manifestChange(dir, c, plain); m != nil {
		changes = append(changes, m)
	}
	return changes, errs.Err()
}

// checkInside reports why target is not safely inside dir (which
// resolves to realDir), or "". Every directory on the way must resolve
// inside dir, and the target itself must not be a symbolic link.
func checkInside(dir, realDir, target string) string {
	if fi, err := os.Lstat(target); err == nil {
		if fi.Mode()&fs.ModeSymlink != 0 {
			return "is a symbolic link; tangle writes only regular files"
		}
		if !fi.Mode().IsRegular() {
			return "exists and is not a regular file"
		}
	}
	parent := filepath.Dir(target)
	if parent == dir {
		return "" // the chapter's own directory, already resolved
	}
	for {
		if _, err := os.Lstat(parent); err == nil {
			break
		}
		parent = filepath.Dir(parent)
	}
	real, err := filepath.EvalSymlinks(parent)
	if err != nil {
		return err.Error()
	}
	if real != realDir && !strings.HasPrefix(real, realDir+string(filepath.Separator)) {
		return "resolves outside the chapter's directory (through a symbolic link)"
	}
	return ""
}

// staleFiles lists generated files of the chapter that it no longer
// produces: files with its header, and files in its manifest.
func staleFiles(dir string, c *Chapter, produced, owned map[string]bool) ([]string, error) {
	var stale []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if produced[rel] || rel == "README.md" || rel == manifestName {
			return nil
		}
		if owned[rel] || headerOf(p) == c.Path {
			stale = append(stale, rel)
		}
		return nil
	})
	return stale, err
}

// headerOf returns the chapter named in a file's tangle header, or "".
func headerOf(p string) string {
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, _ := f.Read(buf)
	buf = buf[:n]
	for i := 0; i < 2; i++ {
		line, rest, _ := bytes.Cut(buf, []byte("\n"))
		if _, after, ok := bytes.Cut(line, []byte(GeneratedBy)); ok {
			name, _, ok := bytes.Cut(after, []byte(". DO NOT EDIT."))
			if ok {
				return string(name)
			}
		}
		buf = rest
	}
	return ""
}

func readManifest(dir string) map[string]bool {
	owned := map[string]bool{}
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return owned
	}
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") && checkPath(l) == "" {
			owned[path.Clean(l)] = true
		}
	}
	return owned
}

// manifestChange returns the change to the manifest, if any.
func manifestChange(dir string, c *Chapter, plain []string) *Change {
	p := filepath.Join(dir, manifestName)
	old, err := os.ReadFile(p)
	if err != nil {
		old = nil
	}
	if len(plain) == 0 {
		if old == nil {
			return nil
		}
		return &Change{Path: c.Dir + "/" + manifestName, Old: old}
	}
	sort.Strings(plain)
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n# Files tangle generated that cannot carry a header.\n", headerLine(c.Path))
	for _, f := range plain {
		b.WriteString(f + "\n")
	}
	if bytes.Equal(old, b.Bytes()) {
		return nil
	}
	out := &Output{Chapter: c, File: &File{Path: manifestName}, Path: c.Dir + "/" + manifestName, Content: b.Bytes(), Header: true}
	return &Change{Path: out.Path, Output: out, Old: old}
}

// Apply carries out the changes under root. Each file is written to a
// temporary file and renamed into place, so a reader never sees half.
func Apply(root string, changes []*Change) error {
	for _, ch := range changes {
		p := filepath.Join(root, filepath.FromSlash(ch.Path))
		if ch.Output == nil {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			removeEmptyDirs(filepath.Dir(p), root)
			continue
		}
		if err := writeAtomic(p, ch.Output.Content, fileMode(ch.Output.Content)); err != nil {
			return err
		}
	}
	return nil
}

// fileMode makes scripts that start with #! executable.
func fileMode(content []byte) fs.FileMode {
	if bytes.HasPrefix(content, []byte("#!")) {
		return 0o755
	}
	return 0o644
}

func writeAtomic(p string, data []byte, mode fs.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tangle-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), mode)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// removeEmptyDirs removes dir and its parents while they are empty,
// stopping at the chapter directory.
func removeEmptyDirs(dir, root string) {
	for {
		rel, err := filepath.Rel(root, dir)
		if err != nil || strings.Count(filepath.ToSlash(rel), "/") < 2 {
			return // never remove chapters/NN-slug itself
		}
		if os.Remove(dir) != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}
