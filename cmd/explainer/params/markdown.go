package params

import (
	"strconv"
	"strings"
)

// Markdown returns the README's parameter table, generated from Table and
// FigDefaults.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| Name | Type | Default | Values | Meaning |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, s := range Table {
		b.WriteString("| `" + s.Name + "` | " + s.Kind.String() + " | " + mdDefault(s) + " | " + mdValues(s) + " | " + mdText(s.Help))
		if len(s.Figs) > 0 && len(s.Figs) < len(Figs) {
			b.WriteString(" Control in: " + strings.Join(s.Figs, ", ") + ".")
		}
		b.WriteString(" |\n")
	}
	return b.String()
}

// mdDefault writes the first figure's default, then the figures that differ.
func mdDefault(s Spec) string {
	if s.Name == "fig" {
		return "`" + s.Default + "`"
	}
	base := Defaults(Figs[0]).Get(s.Name)
	out := "`" + base + "`"
	if base == "" {
		out = "(none)"
	}
	var other []string
	for _, fig := range Figs[1:] {
		if t := Defaults(fig).Get(s.Name); t != base {
			other = append(other, fig+": `"+t+"`")
		}
	}
	if len(other) > 0 {
		out += " (" + strings.Join(other, ", ") + ")"
	}
	return out
}

func mdValues(s Spec) string {
	switch s.Kind {
	case Float, Int:
		r := s.rangeText()
		if s.Kind == Int && s.Max == MaxSeed {
			r = "[" + strconv.FormatUint(uint64(s.Min), 10) + ", 2^53−1]"
		}
		if s.Unit != "" {
			r += " " + s.Unit
		}
		return r
	case Bool:
		return "`1` or `0`"
	case Enum:
		return "`" + strings.Join(s.Choices, "`, `") + "`"
	case List:
		return "comma list of `" + strings.Join(s.Choices, "`, `") + "`"
	}
	return ""
}

// mdText keeps help text from breaking the table.
func mdText(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}
