window.heard = [];
addEventListener("message", (e) => {
	if (e.source === parent && e.data && e.data.cmd === "attack") {
		for (const m of e.data.msgs) parent.frames[0].postMessage(m, "*");
		setTimeout(() => parent.postMessage({ report: heard }, "*"), 1500);
		return;
	}
	heard.push(e.data);
});
