(() => {
	const seen = { elements: [], attrs: [] };
	Object.defineProperty(window, "__hostileProbe", { value: seen });
	const risky = new Set(["SCRIPT", "IMG", "IFRAME", "FRAME", "OBJECT", "EMBED", "SVG", "MATH", "BASE", "LINK", "META",
		"FORM", "A", "AREA", "VIDEO", "AUDIO", "SOURCE", "TEMPLATE", "STYLE", "PORTAL"]);
	const done = new WeakSet();
	const attr = (el, name) => {
		const v = String(el.getAttribute(name) || "");
		if (/^on/i.test(name) || (/^\s*(javascript|vbscript|data):/i.test(v) && /^(src|href|action|formaction|xlink:href|data|srcdoc)$/i.test(name)))
			seen.attrs.push(el.tagName + "[" + name + "=" + v.slice(0, 60) + "]");
	};
	const look = (n) => {
		if (n.nodeType !== 1 || done.has(n)) return;
		done.add(n);
		const tag = n.tagName.toUpperCase();
		if (risky.has(tag)) {
			const what = ["src", "href", "rel", "http-equiv", "name"].map((a) => n.getAttribute(a)).filter((v) => v !== null);
			seen.elements.push(tag + (what.length ? " " + what.join(" ") : ""));
		}
		for (const a of n.attributes) attr(n, a.name);
		for (const c of n.children) look(c);
	};
	new MutationObserver((list) => {
		for (const m of list) {
			if (m.type === "attributes") attr(m.target, m.attributeName);
			for (const n of m.addedNodes) look(n);
		}
	}).observe(document, { childList: true, subtree: true, attributes: true });
})();
