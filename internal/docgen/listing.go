package docgen

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// The markers around the AdaGrad step in sim's source.
const (
	stepBegin = "// lesson:adagrad-step:begin"
	stepEnd   = "// lesson:adagrad-step:end"
)

// StepListing returns the code the lesson quotes from one Go source: the
// function that holds the lesson:adagrad-step markers, from its doc comment
// to its closing brace, with the two marker lines left out.
func StepListing(src string) (string, error) {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	begin, end := -1, -1
	for i, l := range lines {
		switch strings.TrimSpace(l) {
		case stepBegin:
			if begin >= 0 {
				return "", fmt.Errorf("%q appears twice (lines %d and %d)", stepBegin, begin+1, i+1)
			}
			begin = i
		case stepEnd:
			if end >= 0 {
				return "", fmt.Errorf("%q appears twice (lines %d and %d)", stepEnd, end+1, i+1)
			}
			end = i
		}
	}
	switch {
	case begin < 0 && end < 0:
		return "", errNoMarkers
	case begin < 0 || end < 0:
		return "", fmt.Errorf("only one of %q and %q is present", stepBegin, stepEnd)
	case end < begin:
		return "", fmt.Errorf("%q (line %d) comes before %q (line %d)", stepEnd, end+1, stepBegin, begin+1)
	}
	first := -1
	for i := begin - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], "func ") {
			first = i
			break
		}
		if strings.HasPrefix(lines[i], "}") {
			break
		}
	}
	if first < 0 {
		return "", fmt.Errorf("%q (line %d) is not inside a top-level func", stepBegin, begin+1)
	}
	for first > 0 && strings.HasPrefix(lines[first-1], "//") {
		first--
	}
	last := -1
	for i := end + 1; i < len(lines); i++ {
		if lines[i] == "}" {
			last = i
			break
		}
		if strings.HasPrefix(lines[i], "func ") {
			break
		}
	}
	if last < 0 {
		return "", fmt.Errorf("no closing brace of the func after %q (line %d)", stepEnd, end+1)
	}
	var out []string
	for i := first; i <= last; i++ {
		if i != begin && i != end {
			out = append(out, lines[i])
		}
	}
	return strings.Join(out, "\n"), nil
}

var errNoMarkers = errors.New("no lesson:adagrad-step markers")

// FindStep searches the non-test Go files of root/sim for the one that
// carries the markers and returns its slash path ("sim/optim.go") and its
// listing.
func FindStep(root string) (string, string, error) {
	files, err := filepath.Glob(filepath.Join(root, "sim", "*.go"))
	if err != nil {
		return "", "", err
	}
	sort.Strings(files)
	var found []string
	var listing string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return "", "", err
		}
		l, err := StepListing(string(b))
		if err == errNoMarkers {
			continue
		}
		if err != nil {
			return "", "", fmt.Errorf("%s: %v", f, err)
		}
		found = append(found, f)
		listing = l
	}
	if len(found) != 1 {
		return "", "", fmt.Errorf("want the lesson:adagrad-step markers in exactly one Go file of %s, found them in %d: %v",
			filepath.Join(root, "sim"), len(found), found)
	}
	rel, err := filepath.Rel(root, found[0])
	if err != nil {
		return "", "", err
	}
	return filepath.ToSlash(rel), listing, nil
}

// EscapeHTML escapes what must be escaped inside <pre><code>, and nothing
// more, so the listing in index.html stays readable as source.
func EscapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// srcPath is the listing's caption, which names the file it quotes.
var srcPath = regexp.MustCompile(`<code class="src-path">[^<]*</code>`)

// putListing writes the AdaGrad step found under root into page, and its
// file's path into the caption.
func putListing(page, root string) (string, error) {
	path, listing, err := FindStep(root)
	if err != nil {
		return "", err
	}
	page, err = Replace(page, ListingRegion, EscapeHTML(listing))
	if err != nil {
		return "", err
	}
	if n := len(srcPath.FindAllString(page, -1)); n != 1 {
		return "", fmt.Errorf(`want one <code class="src-path"> caption for the listing, found %d`, n)
	}
	return srcPath.ReplaceAllLiteralString(page, `<code class="src-path">`+path+`</code>`), nil
}
