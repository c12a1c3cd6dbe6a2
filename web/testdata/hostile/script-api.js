((cases) => {
	const f = window.adagradFigure;
	const out = [];
	const call = (name, arg) => {
		try {
			const r = f.set(arg);
			out.push({ name, notices: Array.isArray(r) ? r : ["(set returned " + typeof r + ")"] });
		} catch (e) {
			out.push({ name, threw: String(e) });
		}
	};
	for (const [name, q] of cases) call(name, Object.fromEntries(new URLSearchParams(q)));
	const huge = {};
	for (let i = 0; i < 100000; i++) huge["k" + i] = "1";
	const extra = [
		["null", null], ["undefined", undefined], ["a query string", "lr=3"], ["a number", 42], ["true", true],
		["an array of pairs", [["lr", "3"]]], ["an array", ["lr"]],
		["an object value", { lr: {} }], ["an array value", { lr: [3] }], ["a null value", { lr: null }],
		["an undefined value", { sgdlr: undefined }], ["a function value", { lr: () => 3 }],
		["a symbol value", { lr: Symbol("x") }], ["a bigint value", { seed: 10n }],
		["a toString value", { lr: { toString() { return "3"; } } }],
		["NaN", { lr: NaN }], ["Infinity", { x0: Infinity }], ["-Infinity", { y0: -Infinity }], ["1e309", { b: 1e309 }],
		["-0 where 0 is outside", { lr: -0 }], ["2^53", { seed: 2 ** 53 }], ["5e-324", { lr: 5e-324 }],
		["100 KB value", { lr: "1".repeat(100000) }], ["1 MB value", { theme: "<script>alert(1)</script>".repeat(40000) }],
		["100 KB of img tags", { hide: "<img src=x onerror=alert(1)>".repeat(3600) }],
		["inherited key", Object.create({ lr: "3" })],
		["__proto__ key", JSON.parse('{"__proto__": {"lr": "9", "polluted": "1"}}')],
		["prototype names", { constructor: "x", toString: "y", valueOf: "z", hasOwnProperty: "w", __defineGetter__: "v" }],
		["100,000 keys", huge],
		["a Date", new Date(0)], ["a RegExp", /lr=3/], ["a Map", new Map([["lr", "3"]])],
	];
	for (const [name, arg] of extra) call(name, arg);
	return { results: out, polluted: ({}).lr !== undefined || ({}).polluted !== undefined || Object.keys(Object.prototype).length > 0 };
})
