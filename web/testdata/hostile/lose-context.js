(() => {
	const c = document.querySelector("canvas");
	const gl = c && (c.getContext("webgl2") || c.getContext("webgl"));
	const ext = gl && gl.getExtension("WEBGL_lose_context");
	if (!ext) return false;
	ext.loseContext();
	return gl.isContextLost();
})()
