(() => {
	function badNumbers(v, path = "state", out = []) {
	if (v === null || v === undefined) out.push(path + "=" + v);
	else if (typeof v === "number") { if (!Number.isFinite(v)) out.push(path + "=" + v); }
	else if (typeof v === "object") for (const k of Object.keys(v)) badNumbers(v[k], path + "." + k, out);
	return out;
}
	const s = window.adagradFigure.state();
	const ul = document.getElementById("fig-notices");
	const r = ul.getBoundingClientRect();
	const onAttrs = [];
	for (const el of document.querySelectorAll("*"))
		for (const a of el.attributes) if (/^on/i.test(a.name)) onAttrs.push(el.tagName + "[" + a.name + "]");
	return {
		state: s, bad: badNumbers(s), notices: s.notices,
		shown: [...ul.querySelectorAll("li")].map((li) => li.textContent),
		visible: !ul.hidden && ul.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
			r.width > 10 && r.height > 10 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
		scripts: document.querySelectorAll("script").length,
		risky: document.querySelectorAll("img,iframe,object,embed,svg,math,base,form,a[href],frame,video,audio").length,
		onAttrs, probe: window.__hostileProbe,
		readout: document.getElementById("fig-readout").textContent,
		warning: document.getElementById("fig-warning").textContent,
		runState: (document.getElementById("fig-runstate") || {}).textContent || "",
		title: document.title,
		theme: document.documentElement.dataset.theme || "",
		paramSet: Object.keys(s.params).sort(),
	};
})()
