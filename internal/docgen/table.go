package docgen

import (
	"strconv"
	"strings"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

// ParamRows returns the rows of the lesson's URL parameter table, one per
// entry of params.Table, each indented to sit inside the page's <tbody>.
func ParamRows() string {
	var b strings.Builder
	b.WriteString("\n")
	for _, s := range params.Table {
		b.WriteString(`        <tr><th scope="row"><code>` + s.Name + `</code></th><td>` +
			EscapeHTML(s.Help) + `</td><td>` + htmlValues(s) + "</td></tr>\n")
	}
	b.WriteString("        ")
	return b.String()
}

// htmlValues says in words which values spec s takes.
func htmlValues(s params.Spec) string {
	switch s.Kind {
	case params.Float, params.Int:
		hi := number(s.Max)
		if s.Kind == params.Int && s.Max == params.MaxSeed {
			hi = "2<sup>53</sup>&minus;1"
		}
		r := number(s.Min) + " to " + hi
		if s.MinOpen {
			r = "above " + number(s.Min) + ", up to " + hi
		}
		if s.Unit != "" {
			r += " " + EscapeHTML(s.Unit)
		}
		return r
	case params.Bool:
		return "<code>0</code>, <code>1</code>"
	case params.Enum:
		return codes(s.Choices)
	case params.List:
		return "a comma-separated list of " + codes(s.Choices)
	}
	return ""
}

// number writes x as the page does, with a true minus sign.
func number(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'g', -1, 64), "-", "&minus;", 1)
}

func codes(ss []string) string {
	return "<code>" + strings.Join(ss, "</code>, <code>") + "</code>"
}
