package params

import (
	"strconv"
	"strings"
)

// SchemaJSON describes Table as a JSON array, one object per parameter, with
// its defaults in every figure: for tools and docs. It is written by hand so
// that the package needs no encoding/json; the figure's bridge does not call
// it (it walks Table or ControlsFor directly).
func SchemaJSON() string {
	var b strings.Builder
	b.WriteString("[\n")
	for i, s := range Table {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`  {"name":` + jsonString(s.Name) +
			`,"label":` + jsonString(s.Label) +
			`,"help":` + jsonString(s.Help) +
			`,"kind":` + jsonString(s.Kind.String()))
		if s.Kind == Float || s.Kind == Int {
			c := s.control()
			b.WriteString(`,"min":` + formatFloat(s.Min) + `,"max":` + formatFloat(s.Max) +
				`,"minOpen":` + strconv.FormatBool(s.MinOpen) +
				`,"sliderMin":` + formatFloat(c.Min) + `,"sliderMax":` + formatFloat(c.Max) +
				`,"step":` + formatFloat(s.Step) + `,"log":` + strconv.FormatBool(s.Log))
			if s.Unit != "" {
				b.WriteString(`,"unit":` + jsonString(s.Unit))
			}
		}
		if len(s.Choices) > 0 {
			b.WriteString(`,"choices":` + jsonStrings(s.Choices))
		}
		b.WriteString(`,"figs":` + jsonStrings(s.Figs))
		b.WriteString(`,"default":{`)
		for j, fig := range Figs {
			if j > 0 {
				b.WriteByte(',')
			}
			t := Defaults(fig).Get(s.Name)
			if s.Name == "fig" {
				t = s.Default
			}
			b.WriteString(jsonString(fig) + ":" + jsonString(t))
		}
		b.WriteString("}}")
	}
	b.WriteString("\n]\n")
	return b.String()
}

func jsonStrings(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = jsonString(s)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// jsonString quotes s as a JSON string, escaping what JSON requires and
// also <, >, &, U+2028 and U+2029 so the text is safe inside HTML too.
func jsonString(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029 || r == 0xFFFD:
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[(r>>shift)&15])
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
