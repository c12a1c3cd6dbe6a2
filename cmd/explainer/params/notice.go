package params

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Notice tells the reader that a value was rejected or adjusted. It is plain
// text meant for textContent; outside text in it is quoted and cleaned.
type Notice struct {
	Param   string // the parameter's name (cleaned, if it was unknown); "" for a summary
	Message string // what happened and what is used instead
}

// String returns "param: message", or the message alone for a summary.
func (n Notice) String() string {
	if n.Param == "" {
		return n.Message
	}
	return n.Param + ": " + n.Message
}

// Limits on what the parser reads. Anything beyond them is ignored with a
// notice, before any parsing work is spent on it.
const (
	MaxNotices  = 8    // notices returned in full; the rest are summarised in one more
	MaxPairs    = 64   // name=value pairs read from one query string
	MaxValueLen = 256  // bytes of one decoded value
	MaxPairLen  = 1024 // bytes of one raw (still %-escaped) name=value pair
	maxShown    = 40   // runes of outside text quoted in a notice
)

// clean makes outside text safe and short for a notice: invalid UTF-8
// becomes U+FFFD, control, format (bidi, zero-width) and line/paragraph
// separator characters are dropped, < and > become ‹ and ›, and the result
// is cut to maxShown runes, with … marking a cut.
func clean(s string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r),
			unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r):
			continue
		case r == '<':
			r = '‹'
		case r == '>':
			r = '›'
		}
		if n == maxShown {
			b.WriteRune('…')
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// quote returns clean(s) in double quotes.
func quote(s string) string { return `"` + clean(s) + `"` }

// notes collects notices in three groups, most useful first: known
// parameters, limits, unknown names.
type notes struct {
	known, limits, unknown []Notice
}

func (n *notes) add(p *Notice) {
	if p != nil {
		n.known = append(n.known, *p)
	}
}

// list returns at most MaxNotices notices plus, if some were left out, one
// summary saying how many.
func (n *notes) list() []Notice {
	all := append(append(append([]Notice(nil), n.known...), n.limits...), n.unknown...)
	if len(all) <= MaxNotices {
		return all
	}
	more := len(all) - MaxNotices
	word := " more problems"
	if more == 1 {
		word = " more problem"
	}
	all = append(all[:MaxNotices:MaxNotices], Notice{Message: "and " + strconv.Itoa(more) + word})
	return all
}
