// Client-side moves between pages for an app rendered as islands: a click on a link of
// the site (or a GET form) fetches the next page's HTML from the server and patches the
// document with it, so the bundle, the page's state and the live connection stay; the
// islands the new page brings are hydrated, those it keeps (same component, same props)
// keep their state. Leptos's own islands router skips every island, so an island whose
// props changed (the order box of another service) kept showing the old one.
//
// `hydrateIsland(element)` hydrates one island (returns a promise); `done()` runs after a
// page's islands are all hydrated; `nextPage()` starts the numbering of the server's data
// afresh for a page the router brought.
(hydrateIsland, done, nextPage) => {
	let current = 0;
	// This page's nonce, which its CSP asks of inline scripts (a page the router brings has
	// its own, which this document's policy does not know).
	const nonce = document.querySelector("script[nonce]")?.nonce;
	// The data scripts have run; without them the body is what the server's pages share.
	for (const script of document.body.querySelectorAll("script")) script.remove();

	const hydrateAll = async () => {
		for (const island of document.querySelectorAll("leptos-island")) {
			if (!island.$$hydrated) {
				island.$$hydrated = true;
				await hydrateIsland(island);
			}
		}
		done();
	};

	// What the router fetches: pages of this site, not files or other sites.
	const ours = (url) =>
		url.origin === window.location.origin && !/^\/(pkg|uploads|files|fonts|i18n|live|api)\//.test(url.pathname);

	const move = async (url, init, how) => {
		const navigation = ++current;
		document.body.removeAttribute("data-hydrated");
		let response;
		try {
			const headers = { "Islands-Router": "true", Accept: "text/html" };
			response = await fetch(url, { ...init, headers, credentials: "same-origin" });
		} catch {
			window.location.href = url;
			return;
		}
		const type = response.headers.get("content-type") || "";
		if (!type.startsWith("text/html")) {
			window.location.href = url;
			return;
		}
		const html = await response.text();
		if (navigation !== current) return;
		const target = response.redirected ? response.url : url.toString();
		if (how === "push") window.history.pushState(null, "", target);
		else if (how === "replace") window.history.replaceState(null, "", target);
		const next = new DOMParser().parseFromString(html, "text/html");
		takeData(next);
		patch(next);
		nextPage();
		const hash = new URL(target).hash;
		const anchor = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
		if (anchor) anchor.scrollIntoView();
		else if (how !== "pop") window.scrollTo(0, 0);
		await hydrateAll();
	};

	// The data the server rendered the page's islands with (its resources' answers) comes
	// as inline scripts that fill global arrays, numbered from 0 for each page. The bundle
	// holds on to the arrays it found first, so the new page's scripts run (with this page's
	// nonce, which the CSP asks for) and their contents move into those same arrays.
	const DATA = ["__RESOLVED_RESOURCES", "__SERIALIZED_ERRORS", "__INCOMPLETE_CHUNKS"];
	const takeData = (next) => {
		const held = DATA.map((name) => window[name]);
		for (const script of next.body.querySelectorAll("script")) {
			script.remove();
			if (script.src || script.type || !DATA.some((name) => script.textContent.includes(name))) continue;
			const run = document.createElement("script");
			if (nonce) run.nonce = nonce;
			run.textContent = script.textContent;
			document.head.appendChild(run).remove();
		}
		DATA.forEach((name, i) => {
			const arrived = window[name];
			if (held[i] && arrived !== held[i]) {
				held[i].length = 0;
				held[i].push(...arrived);
				window[name] = held[i];
			}
		});
	};

	const patch = (next) => {
		patchAttributes(document.documentElement, next.documentElement);
		document.title = next.title;
		patchHead(next.head);
		patchAttributes(document.body, next.body, ["data-hydrated"]);
		patchChildren(document.body, next.body);
	};

	// The head's scripts (the bundle's loader) and stylesheets stay; its other tags (title,
	// description, font preloads) are the new page's.
	const stays = (element) => element.tagName === "SCRIPT" || (element.tagName === "LINK" && element.rel === "stylesheet");
	const patchHead = (head) => {
		for (const element of [...document.head.children]) if (!stays(element)) element.remove();
		const anchor = document.head.firstChild;
		for (const element of [...head.children]) {
			if (!stays(element)) document.head.insertBefore(document.importNode(element, true), anchor);
		}
	};

	const patchAttributes = (old, next, keep = []) => {
		for (const { name } of [...old.attributes]) {
			if (!next.hasAttribute(name) && !keep.includes(name)) old.removeAttribute(name);
		}
		for (const { name, value } of next.attributes) {
			if (old.getAttribute(name) !== value) old.setAttribute(name, value);
		}
	};

	const same = (a, b) =>
		a.nodeType === b.nodeType && (a.nodeType !== Node.ELEMENT_NODE || a.tagName === b.tagName);

	// Children are matched by position; where the shapes differ, the new ones replace the old.
	const patchChildren = (old, next) => {
		const olds = [...old.childNodes];
		const news = [...next.childNodes];
		if (olds.length !== news.length || olds.some((node, i) => !same(node, news[i]))) {
			old.replaceChildren(...news.map((node) => document.importNode(node, true)));
			return;
		}
		olds.forEach((node, i) => patchNode(node, news[i]));
	};

	const patchNode = (old, next) => {
		if (old.nodeType !== Node.ELEMENT_NODE) {
			if (old.nodeValue !== next.nodeValue) old.nodeValue = next.nodeValue;
			return;
		}
		if (old.tagName === "LEPTOS-ISLAND") {
			// The same island with the same props keeps its state; another is put in fresh.
			if (old.dataset.component !== next.dataset.component || old.dataset.props !== next.dataset.props) {
				old.replaceWith(document.importNode(next, true));
			}
			return;
		}
		patchAttributes(old, next);
		// A field keeps what the user typed unless the server's page says otherwise.
		if (old.tagName === "INPUT" || old.tagName === "TEXTAREA" || old.tagName === "SELECT") {
			if ("value" in next && old.value !== next.value && next.getAttribute("value") !== null) old.value = next.value;
		}
		patchChildren(old, next);
	};

	document.addEventListener("click", (event) => {
		if (event.defaultPrevented || event.button !== 0) return;
		if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
		const link = event.target instanceof Element && event.target.closest("a[href]");
		if (!link || link.target || link.hasAttribute("download") || link.getAttribute("rel") === "external") return;
		const url = new URL(link.href, document.baseURI);
		if (!ours(url)) return;
		if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
		event.preventDefault();
		move(url, {}, "push");
	});

	// GET forms (the search box, filters); a POST form loads its answer as a browser does.
	document.addEventListener("submit", (event) => {
		const form = event.target;
		if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
		if ((form.getAttribute("method") || "get").toLowerCase() !== "get") return;
		const url = new URL(form.action, document.baseURI);
		if (!ours(url)) return;
		event.preventDefault();
		url.search = new URLSearchParams(new FormData(form, event.submitter)).toString();
		move(url, {}, "push");
	});

	window.addEventListener("popstate", () => move(new URL(window.location.href), {}, "pop"));

	// For the app's own moves (after sending a first message, the conversation).
	window.khidmatNavigate = (href) => move(new URL(href, document.baseURI), {}, "push");

	return hydrateAll();
}
