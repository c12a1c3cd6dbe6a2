(() => {
	Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
	Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
	document.dispatchEvent(new Event("visibilitychange"));
	return true; })()
