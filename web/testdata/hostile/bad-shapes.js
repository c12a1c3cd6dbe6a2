(() => {
	const msgs = [
		"adagrad:get", "adagrad:set", '{"type":"adagrad:get"}', 42, NaN, -0, Infinity, null, undefined, true, 10n,
		[], ["adagrad:get"], [{ type: "adagrad:get" }], {}, { type: null }, { type: 7 }, { type: ["adagrad:get"] },
		{ type: new String("adagrad:get") }, { type: "ADAGRAD:GET" }, { type: "adagrad:get " }, { type: " adagrad:set", params: { lr: "3" } },
		{ type: "adagrad:state", state: { params: { lr: 9 } } }, { type: "adagrad:ready", fig: "sparse" }, { type: "adagrad:height", px: 1 },
		{ type: "adagrad:play" }, { type: "adagrad:step", n: 1000000 }, { type: "adagrad:reset" }, { type: "adagrad:eval", code: "alert(1)" },
		{ type: "adagrad:set" }, { type: "adagrad:set", params: null }, { type: "adagrad:set", params: "lr=3" },
		{ type: "adagrad:set", params: 3 }, { type: "adagrad:set", params: ["lr", "3"] }, { type: "adagrad:set", params: [["lr", "3"]] },
		{ type: "adagrad:set", params: new Map([["lr", "3"]]) }, { type: "adagrad:set", params: new Set(["lr"]) },
		{ type: "adagrad:set", params: new Date(0) }, { type: "adagrad:set", params: /lr=3/ }, { type: "adagrad:set", params: new ArrayBuffer(8) },
		{ type: "adagrad:set", params: new Uint8Array([108, 114]) }, { type: "adagrad:set", params: new Blob(["lr=3"]) },
		{ type: "adagrad:set", params: new String("lr=3") }, { type: "adagrad:set", params: new Number(3) },
		Object.assign(new Error("x"), { type: "adagrad:get" }), new Array(1000000).fill("adagrad:get"), "x".repeat(10000000),
		{ type: "adagrad:".repeat(100000) },
		new Map([["type", "adagrad:get"]]), Object.create({ type: "adagrad:get" }),
		{ type: "adagrad:set", params: Object.create({ lr: "3" }) },
		{ type: "adagrad:set", params: { lr: () => 3 } }, // cannot be cloned
		document.createElement("div"), // cannot be cloned
	];
	let sent = 0;
	for (const m of msgs) { try { send(m); sent++; } catch (e) {} }
	return { tried: msgs.length, sent };
})()
