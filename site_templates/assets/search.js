/*
 * The header search box (overrides/partials/search.html) over the Pagefind index that
 * generator/search_index.py writes to <site root>/pagefind/.
 *
 * Nothing is fetched until the reader focuses the box: then the bundles are loaded (see openIndex()),
 * and on each query Pagefind fetches only the index chunks it needs and the fragments (title and
 * excerpt) of the results shown. Results are shown ten at a time, as in Material: the next ten
 * when the reader scrolls to the end of the list or arrows past its last result.
 * Keyboard as in Material: "/", "s" or "f" focus the box; arrows move through results; Enter opens
 * the focused (or the first) result; Escape or Tab close.
 *
 * Result text comes from records and is hostile. It is only ever inserted as text (textContent or
 * text nodes), plus <mark> elements made here for Pagefind's highlights; links stay on this site.
 */
(() => {
  "use strict";

  const PAGE_SIZE = 10; // results shown at a time
  const DEBOUNCE_MS = 120;

  const box = document.querySelector("[data-site-search]");
  const toggle = document.querySelector("[data-md-toggle=search]");
  if (!box || !toggle) return;
  const query = box.querySelector("[data-site-search-query]");
  const form = box.querySelector("[data-site-search-form]");
  const meta = box.querySelector("[data-site-search-meta]");
  const list = box.querySelector("[data-site-search-results]");
  const scroller = box.querySelector(".md-search__scrollwrap");

  // Material's configuration: "base" is MkDocs' base_url, relative to this page, so the site root
  // resolves correctly under a sub-path and from `mkdocs serve`.
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const translate = (key, count) => String(config.translations[key] || "").replace("#", String(count));

  let pagefind = null;
  let timer = 0;
  let latest = 0;
  let pending = []; // the current query's results not shown yet
  let loading = null; // { id, promise } of the batch being fetched

  /*
   * Pagefind, loaded once on first use. The index is split into bundles (pagefind/shards.json
   * lists them): the first is imported, the others are merged into it with mergeIndex, which
   * reuses the first bundle's WebAssembly and fetches only each bundle's entry file and page list.
   */
  async function openIndex() {
    const listing = await fetch(new URL("pagefind/shards.json", root));
    if (!listing.ok) throw new Error(`pagefind/shards.json: HTTP ${listing.status}`);
    const [first, ...others] = (await listing.json()).bundles.map((bundle) => new URL(`pagefind/${bundle}`, root));
    const module = await import(new URL("pagefind.js", first).href);
    // noWorker: search on the main thread, so the reader does not also fetch pagefind-worker.js
    await module.options({ baseUrl: root.pathname, noWorker: true });
    await Promise.all(others.map((bundle) => module.mergeIndex(bundle.pathname, { baseUrl: root.pathname })));
    return module;
  }

  function load() {
    if (pagefind === null) {
      pagefind = openIndex();
      pagefind.catch(() => {
        pagefind = null;
      });
    }
    return pagefind;
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click();
  }

  /*
   * Pagefind's excerpt is the page's plain text with "<" and ">" written as &lt; and &gt; and the
   * matched words wrapped in <mark>…</mark>; "&" is left as it is. So the only tags are the marks:
   * split on them, undo the two escapes, and insert every piece as text.
   */
  function highlighted(excerpt) {
    const nodes = [];
    let marked = false;
    for (const piece of String(excerpt).split(/(<\/?mark>)/)) {
      if (piece === "<mark>" || piece === "</mark>") {
        marked = piece === "<mark>";
      } else if (piece) {
        const text = piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        const node = marked ? document.createElement("mark") : document.createTextNode(text);
        if (marked) node.textContent = text;
        nodes.push(node);
      }
    }
    return nodes;
  }

  /* A result URL on this site, or the site root. */
  function sameSite(url) {
    const target = new URL(String(url), root);
    return target.origin === root.origin ? target.href : root.href;
  }

  function element(name, className) {
    const node = document.createElement(name);
    if (className) node.className = className;
    return node;
  }

  function resultItem(data) {
    const item = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = sameSite(data.url);
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("h1");
    title.textContent = (data.meta && data.meta.title) || data.url; // plain text, as the page's <h1> read
    const excerpt = element("p");
    excerpt.append(...highlighted(data.excerpt || ""));
    article.append(element("div", "md-search-result__icon md-icon"), title, excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  function render(term, total, items, rest) {
    pending = rest;
    if (total === 0) {
      meta.textContent = translate(term ? "search.result.none" : "search.result.placeholder");
    } else {
      meta.textContent = translate(total === 1 ? "search.result.one" : "search.result.other", total);
    }
    list.replaceChildren(...items.map(resultItem));
    scroller.scrollTop = 0;
  }

  /* Show the next results of the current query; resolves once they are in the list. */
  function more() {
    if (loading && loading.id === latest) return loading.promise;
    if (pending.length === 0) return Promise.resolve();
    const id = latest;
    const batch = pending.slice(0, PAGE_SIZE);
    const promise = Promise.all(batch.map((result) => result.data()))
      .then((items) => {
        if (id !== latest) return false;
        pending = pending.slice(batch.length);
        list.append(...items.map(resultItem));
        return true;
      })
      .catch((error) => {
        console.warn("Search is unavailable:", error);
        return false;
      })
      .then((shown) => {
        if (loading && loading.promise === promise) loading = null;
        if (shown) fill();
      });
    loading = { id, promise };
    return promise;
  }

  /* More results while the end of the list is in view (after a scroll, or when ten do not fill it). */
  function fill() {
    const open = toggle.checked && scroller.clientHeight > 0;
    if (open && pending.length > 0 && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 16) more();
  }

  async function run() {
    const id = ++latest;
    const term = query.value.trim();
    if (!term) return render("", 0, [], []);
    try {
      const module = await load();
      const search = await module.search(term);
      if (id !== latest) return;
      const items = await Promise.all(search.results.slice(0, PAGE_SIZE).map((result) => result.data()));
      if (id !== latest) return;
      render(term, search.results.length, items, search.results.slice(PAGE_SIZE));
      fill();
    } catch (error) {
      if (id === latest) meta.textContent = translate("search.result.none");
      console.warn("Search is unavailable:", error);
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function typing(node) {
    if (!node) return false;
    const name = node.nodeName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || node.isContentEditable;
  }

  /* Focus the next (step 1) or previous (-1) stop among the box and the results, wrapping
     around; past the last result shown, the next results are shown first if there are any. */
  async function move(step) {
    let stops = [query, ...list.querySelectorAll("a[href]")];
    const at = Math.max(0, stops.indexOf(document.activeElement));
    if (step > 0 && at === stops.length - 1 && pending.length > 0) {
      await more();
      stops = [query, ...list.querySelectorAll("a[href]")];
    }
    stops[(at + step + stops.length) % stops.length].focus();
  }

  function onOpenKey(event) {
    switch (event.key) {
      case "Escape":
      case "Tab":
        setOpen(false);
        query.blur();
        break;
      case "ArrowUp":
      case "ArrowDown":
        move(event.key === "ArrowUp" ? -1 : 1);
        event.preventDefault();
        break;
      case "Enter":
        if (document.activeElement === query) {
          const first = list.querySelector("a[href]");
          if (first) first.click();
          event.preventDefault();
        }
        break;
      default:
        if (event.key.length === 1 && document.activeElement !== query) query.focus();
    }
  }

  window.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    if (toggle.checked) return onOpenKey(event);
    if ((event.key === "/" || event.key === "s" || event.key === "f") && !typing(document.activeElement)) {
      event.preventDefault();
      query.focus();
      query.select();
    }
  });

  query.addEventListener("focus", () => {
    setOpen(true);
    load();
  });
  query.addEventListener("input", schedule);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    latest++;
    render("", 0, [], []);
    query.focus();
  });
  scroller.addEventListener("scroll", fill);
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  });
  // The header's magnifier (small screens) opens the dialog; focus after its click has toggled it.
  const opener = document.querySelector(".md-header__button[for=__search]");
  if (opener) opener.addEventListener("click", () => setTimeout(() => query.focus()));

  // Deep links as in Material: ?q=term opens search with that query.
  const preset = new URL(location.href).searchParams.get("q");
  if (preset) {
    query.value = preset;
    query.focus();
    schedule();
  }
})();
