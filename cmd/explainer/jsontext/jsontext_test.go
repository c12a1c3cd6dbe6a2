package jsontext

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// What Append writes, encoding/json reads back as the value it was made
// from, for every kind of value the summary holds and for strings a page
// could be attacked with.
func TestAppendRoundTrips(t *testing.T) {
	v := map[string]any{
		"playing": true, "step": 80, "lr": 0.4, "eps": 1e-8, "big": 1e21, "neg": -3.25,
		"readout": "AdaGrad: x = −0.063, loss 3.99e−4 \"quoted\" \\ back\tslash\n<b>&</b>\u2028",
		"notices": []string{"k0: unknown parameter; ignored", ""},
		"list":    []any{"a", 1, false, nil, []any{}},
		"display": map[string]string{"x0": "−4.5", "lr": "0.4"},
		"params":  map[string]any{"hide": []any{"legend"}, "fig": "valley"},
		"empty":   map[string]any{},
	}
	text := Append(nil, v)
	var back any
	if err := json.Unmarshal(text, &back); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, text)
	}
	want, _ := json.Marshal(v)
	var wantBack any
	_ = json.Unmarshal(want, &wantBack)
	if !reflect.DeepEqual(back, wantBack) {
		t.Errorf("read back as\n%v\nwant\n%v", back, wantBack)
	}
}

// JSON has no NaN or infinity: they are written as null, and every
// control character and invalid byte still makes valid JSON.
func TestAppendEdgeValues(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{math.NaN(), "null"}, {math.Inf(1), "null"}, {math.Inf(-1), "null"},
		{"\x00\x1f\x7f", `"\u0000\u001f` + "\x7f" + `"`},
		{"a\xffb", "\"a\uFFFDb\""},
		{struct{}{}, "null"},
		{map[string]string{"b": "2", "a": "1"}, `{"a":"1","b":"2"}`},
	} {
		got := string(Append(nil, c.v))
		if got != c.want {
			t.Errorf("Append(%#v) = %s, want %s", c.v, got, c.want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("Append(%#v) = %s: not valid JSON", c.v, got)
		}
	}
}
