package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// editionFlags are the command line's choices for the editions.
type editionFlags struct {
	epub, pdf, proofs bool
}

// writeEditions builds the editions asked for and writes them into
// dir, beside the site: book.epub, book.pdf and pdf/NN-slug.pdf. Every
// edition is made in memory first, and each file is written to a
// temporary name and renamed, so a failure leaves nothing half-written.
func writeEditions(root, dir string, f editionFlags, stdout io.Writer) error {
	if f.pdf {
		if _, err := findChromium(); err != nil {
			return err // before any work
		}
	}
	e, err := loadEdition(root, WithProofs(f.proofs))
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	if f.epub {
		start := time.Now()
		data, err := e.EPUB(editionTime())
		if err != nil {
			return err
		}
		files[epubName] = data
		fmt.Fprintf(stdout, "epub: %s, %d kB (%v)\n", filepath.Join(dir, epubName), len(data)/1000,
			time.Since(start).Round(time.Millisecond))
	}
	if f.pdf {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), pdfTimeout)
		defer cancel()
		pdfs, err := e.PDFs(ctx, true)
		if err != nil {
			return err
		}
		for name, data := range pdfs {
			files[name] = data
		}
		fmt.Fprintf(stdout, "pdf: %s, %d kB, and %d chapters in %s (%v)\n", filepath.Join(dir, pdfName),
			len(pdfs[pdfName])/1000, len(pdfs)-1, filepath.Join(dir, pdfDir), time.Since(start).Round(time.Millisecond))
	}
	return writeFiles(dir, files)
}

// editionTime is when the editions say they were made: now, or
// SOURCE_DATE_EPOCH for a reproducible build.
func editionTime() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now().UTC().Truncate(time.Second)
}

// writeFiles writes each file to a temporary name beside it, then
// renames it into place. A folder that did not exist is marked as the
// site's, so that make site later fills it.
func writeFiles(dir string, files map[string][]byte) error {
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, markerName), nil, 0o644); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := writeAtomic(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic writes data to a temporary file in path's folder and
// renames it to path.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
