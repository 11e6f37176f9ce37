(function (js, wasm, catalog) {
	const messages = () => fetch(catalog).then((response) => (response.ok ? response.text() : Promise.reject(response.status)));
	const hydrate = () =>
		Promise.all([import(js).then((bundle) => bundle.default({ module_or_path: wasm }).then(() => bundle)), messages()]).then(
			([bundle, text]) => bundle.hydrate(text),
		);
	const whenIdle = () =>
		"requestIdleCallback" in window
			? window.requestIdleCallback(hydrate, { timeout: 2000 })
			: window.setTimeout(hydrate, 0);
	if (document.readyState === "complete") whenIdle();
	else window.addEventListener("load", whenIdle, { once: true });
})
