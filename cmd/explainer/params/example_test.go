package params_test

import (
	"fmt"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

func ExampleParseQuery() {
	v, notices := params.ParseQuery("?fig=sparse&lr=abc&p=0.5&x0=1e309&colour=red")
	fmt.Println(v.Fig, v.LR, v.P, v.X0)
	for _, n := range notices {
		fmt.Println(n)
	}
	// Output:
	// sparse 0.5 0.5 -2
	// lr: "abc" is not a number; using 0.5
	// x0: "1e309" is outside [-50, 50]; using -2
	// colour: unknown parameter; ignored
}

func ExampleValues_Query() {
	v := params.Defaults("freeze")
	v.Set("forget", "1")
	v.Set("hide", "plot,legend")
	fmt.Println(v.Query())
	// Output: fig=freeze&forget=1&hide=legend,plot
}

func ExampleValues_Set() {
	v := params.Defaults("valley")
	fmt.Println(v.Set("theme", `"><img src=x onerror=alert(1)>`))
	fmt.Println(v.Theme)
	// Output:
	// theme: ""›‹img src=x onerror=alert(1)›" is not one of auto, light, dark; using auto
	// auto
}
