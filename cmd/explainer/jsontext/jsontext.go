// Package jsontext writes the JSON text of the few kinds of value the
// figure hands its page: the summary figure.js shows around the canvas.
//
// Handing the page one string that it parses with JSON.parse costs a
// fraction of building the same object through syscall/js, one call into
// JavaScript per key and per string. The summary goes over several times
// a second while a figure plays or its start is dragged, inside the frame.
// encoding/json would do the same with reflection, in a larger program.
package jsontext

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Append appends the JSON text of v to b. v is nil, a bool, an int, a
// float64 (null when not finite: JSON has no NaN), a string, a []string,
// a []any, a map[string]any or a map[string]string, nested as deep as
// need be; maps are written with their keys in order. Any other value is
// written as null.
func Append(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return append(b, "null"...)
		}
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case string:
		return appendString(b, v)
	case []string:
		return appendArray(b, v)
	case []any:
		return appendArray(b, v)
	case map[string]any:
		return appendObject(b, v)
	case map[string]string:
		return appendObject(b, v)
	}
	return append(b, "null"...)
}

func appendArray[E any](b []byte, xs []E) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = Append(b, x)
	}
	return append(b, ']')
}

func appendObject[V any](b []byte, m map[string]V) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = Append(b, m[k])
	}
	return append(b, '}')
}

// appendString writes s quoted, escaping what JSON requires: the quote,
// the backslash and the control characters. Bytes that are not UTF-8
// become U+FFFD, as they would on the way into a JavaScript string.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
			continue
		}
		i++
	}
	return append(b, '"')
}
