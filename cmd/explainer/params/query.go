package params

import "strings"

// Query returns the canonical query string of v for a Share link, without
// the leading "?": fig first, always, then every parameter whose value
// differs from that figure's default, in Table order, escaped. ParseQuery
// reads it back to v with no notices.
func (v Values) Query() string {
	d := Defaults(v.Fig)
	var b strings.Builder
	b.WriteString("fig=")
	b.WriteString(escape(v.Fig))
	for _, s := range Table {
		if s.Name == "fig" {
			continue
		}
		t := v.Get(s.Name)
		if t == d.Get(s.Name) {
			continue
		}
		b.WriteByte('&')
		b.WriteString(s.Name)
		b.WriteByte('=')
		b.WriteString(escape(t))
	}
	return b.String()
}

// escape %-encodes every byte but letters, digits and - . _ ~ , (the comma
// keeps hide= lists readable).
func escape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == ',':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
