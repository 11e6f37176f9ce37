(function (js, wasm, catalog, router) {
	const messages = () => fetch(catalog).then((response) => (response.ok ? response.text() : Promise.reject(response.status)));
	const island = (bundle) => (element) => {
		const hydrate = bundle[element.dataset.component];
		if (hydrate) return hydrate(element);
		console.warn(`no island ${element.dataset.component} in the bundle`);
	};
	// Lets tests (and curious designers) tell a page whose islands are live from server HTML.
	const hydrated = () => document.body.setAttribute("data-hydrated", "true");
	const hydrate = () =>
		Promise.all([import(js).then((bundle) => bundle.default({ module_or_path: wasm }).then(() => bundle)), messages()]).then(
			([bundle, text]) => bundle.hydrate(text) && router(island(bundle), hydrated, () => bundle.next_page()),
		);
	const whenIdle = () =>
		"requestIdleCallback" in window
			? window.requestIdleCallback(hydrate, { timeout: 2000 })
			: window.setTimeout(hydrate, 0);
	if (document.readyState === "complete") whenIdle();
	else window.addEventListener("load", whenIdle, { once: true });
})
