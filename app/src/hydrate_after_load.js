(function (js, wasm) {
	const hydrate = () =>
		import(js).then((bundle) => bundle.default({ module_or_path: wasm }).then(() => bundle.hydrate()));
	const whenIdle = () =>
		"requestIdleCallback" in window
			? window.requestIdleCallback(hydrate, { timeout: 2000 })
			: window.setTimeout(hydrate, 0);
	if (document.readyState === "complete") whenIdle();
	else window.addEventListener("load", whenIdle, { once: true });
})
