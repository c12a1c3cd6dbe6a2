(() => {
	const huge = {}; for (let i = 0; i < 100000; i++) huge["k" + i] = "1";
	const deep = {}; let d = deep; for (let i = 0; i < 2000; i++) { d.a = {}; d = d.a; }
	const msgs = [
		{ lr: "NaN" }, { lr: NaN }, { x0: Infinity }, { y0: -1e309 }, { b: "0x10" }, { lr: "" }, { lr: -0 },
		{ theme: "<script>alert(1)</script>" }, { hide: "<img src=x onerror=alert(1)>" }, { fig: "<svg onload=alert(1)>" },
		{ fig: "javascript:alert(1)" }, { sgdlr: "1".repeat(100000) }, { lr: "1".repeat(10000000) },
		JSON.parse('{"__proto__": {"lr": "9", "polluted": "1"}, "constructor": {"prototype": {"polluted": "1"}}}'),
		{ toString: "x", valueOf: "y", hasOwnProperty: "z" }, { lr: { nested: { deep: 1 } } }, { lr: [1, 2] }, { lr: null },
		{ lr: 10n }, huge, deep, { evil: "1", "<img src=x onerror=alert(1)>": "1" },
		{ seed: 2 ** 53 }, { speed: 1e6 }, { rho: 1 }, { p: 1.5 }, { play: "maybe" }, { angle: "90deg" },
	];
	for (const params of msgs) send({ type: "adagrad:set", params });
	return msgs.length;
})()
