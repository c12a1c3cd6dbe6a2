(() => {
	delete document.hidden; delete document.visibilityState;
	document.dispatchEvent(new Event("visibilitychange"));
	return document.hidden === false; })()
