/*
 * The header search box (overrides/partials/search.html) over the index that
 * generator/search_index.py writes to <site root>/search-index/ (the format is described in
 * generator/search_bundle.py).
 *
 * Nothing is fetched until the reader focuses the box: then the list of bundles and each bundle's
 * chunk directory are loaded (openIndex()). A query fetches, per bundle, the term chunk holding
 * each of its words, ranks the pages that hold every word (BM25: each term's weight on a page,
 * stored, times its IDF over all bundles), and fetches the excerpt files of the results shown.
 * Results are shown ten at a time, as in Material: the next ten when the reader scrolls to the
 * end of the list or arrows past its last result. A query word matches the terms it begins,
 * exact matches weighing more ("claim" finds "claims"), and, weighing less, the terms its root
 * begins once an English ending is taken off ("aligned" finds "alignment").
 * Keyboard as in Material: "/", "s" or "f" focus the box; arrows move through results; Enter opens
 * the focused (or the first) result; Escape or Tab close.
 *
 * Result text comes from records and is hostile. It is only ever inserted as text (textContent or
 * text nodes), plus <mark> elements made here around matched words; links stay on this site.
 */
(() => {
  "use strict";

  const PAGE_SIZE = 10; // results shown at a time
  const DEBOUNCE_MS = 120;
  const K1 = 1.2; // BM25 saturation: a stored weight of 255 is K1 + 1 (generator/search_bundle.py)
  const PREFIX_WEIGHT = 0.5; // a term the query word only begins counts this much
  const PREFIX_MIN = 2; // shorter query words match whole terms only
  const ROOT_WEIGHT = 0.35; // a term that only shares the query word's root ("aligned": "alignment")
  const ROOT_MIN = 4; // a root is at least this long
  // English endings a query word loses to give its root, longest first. The index keeps words as
  // they are (no stemming): the root matches the terms it begins, as a prefix does.
  const ENDINGS = ["ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s"];
  const EXCERPT_WORDS = 30;
  const TERM = /[\p{L}\p{N}]+/gu; // as generator/search_bundle.py's TERM, after lower-casing

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

  let index = null; // promise of { bundles, pages }, once the reader focuses the box
  let timer = 0;
  let latest = 0;
  let pending = []; // the current query's results not shown yet
  let shown = ""; // the query whose results are in the list
  let loading = null; // { id, promise } of the batch being fetched

  /* JSON from the site; a gzip body (the index's .json.gz files) is decompressed here. */
  async function fetchJson(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    let bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  /* The bundles (search-index/shards.json) and each one's page count and chunk directory. */
  async function openIndex() {
    const base = new URL("search-index/", root);
    const listing = await fetchJson(new URL("shards.json", base));
    const bundles = await Promise.all(
      listing.bundles.map(async (name) => {
        const url = new URL(name, base);
        const meta = await fetchJson(new URL("meta.json", url));
        return { url, pages: meta.pages, chunks: meta.chunks, loaded: new Map() };
      }),
    );
    return { bundles, pages: bundles.reduce((sum, bundle) => sum + bundle.pages, 0) };
  }

  function load() {
    if (index === null) {
      index = openIndex();
      index.catch(() => {
        index = null;
      });
    }
    return index;
  }

  function words(text) {
    return [...new Set(String(text).toLowerCase().match(TERM) || [])];
  }

  /*
   * ``word`` less its English ending ("aligned" → "align") and less a last "y" or "i", which
   * endings change ("verify", "verified" → "verif"); ``word`` when neither applies.
   */
  function wordRoot(word) {
    const ending = ENDINGS.find((end) => word.endsWith(end) && word.length - end.length >= ROOT_MIN);
    const base = ending ? word.slice(0, -ending.length) : word;
    return /[iy]$/.test(base) && base.length > ROOT_MIN ? base.slice(0, -1) : base;
  }

  /* What a term counts for a query word: 1 if it is the word, less if the word or its root begins it, else 0. */
  function weight(term, word) {
    if (term === word) return 1;
    if (word.length >= PREFIX_MIN && term.startsWith(word)) return PREFIX_WEIGHT;
    const base = wordRoot(word);
    return base !== word && term.startsWith(base) ? ROOT_WEIGHT : 0;
  }

  /* The chunks of a bundle that can hold ``word`` (and, for prefixes, the terms it begins). */
  function chunksFor(bundle, word) {
    const chunks = bundle.chunks;
    let low = 0;
    let high = chunks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (chunks[middle] <= word) low = middle + 1;
      else high = middle;
    }
    const found = chunks.length ? [Math.max(0, low - 1)] : [];
    for (let at = low; word.length >= PREFIX_MIN && at < chunks.length && chunks[at].startsWith(word); at++) {
      found.push(at);
    }
    return found;
  }

  function chunk(bundle, number) {
    if (!bundle.loaded.has(number)) {
      const promise = fetchJson(new URL(`t/${number}.json.gz`, bundle.url));
      promise.catch(() => bundle.loaded.delete(number));
      bundle.loaded.set(number, promise);
    }
    return bundle.loaded.get(number);
  }

  /* For one query word: page key → score, over every bundle. */
  async function scores(opened, word) {
    const postings = []; // [bundle number, term, [deltas, weights]]
    await Promise.all(
      opened.bundles.map(async (bundle, number) => {
        const loaded = await Promise.all(chunksFor(bundle, wordRoot(word)).map((at) => chunk(bundle, at)));
        for (const terms of loaded) {
          for (const term of Object.keys(terms)) {
            if (weight(term, word) > 0) postings.push([number, term, terms[term]]);
          }
        }
      }),
    );
    const found = new Map(); // how many pages hold each term, over every bundle
    for (const [, term, [deltas]] of postings) found.set(term, (found.get(term) || 0) + deltas.length);
    const best = new Map();
    for (const [number, term, [deltas, weights]] of postings) {
      const count = found.get(term);
      const idf = Math.log(1 + (opened.pages - count + 0.5) / (count + 0.5));
      const factor = (idf * (K1 + 1) * weight(term, word)) / 255;
      let page = 0;
      for (let at = 0; at < deltas.length; at++) {
        page += deltas[at];
        const key = number * 1048576 + page;
        const score = weights[at] * factor;
        if (!(best.get(key) >= score)) best.set(key, score);
      }
    }
    return best;
  }

  /* Pages holding every word of ``term``, best first: [{ bundle, page, score }]. */
  async function search(opened, term) {
    const each = await Promise.all(words(term).map((word) => scores(opened, word)));
    if (each.length === 0) return [];
    each.sort((a, b) => a.size - b.size);
    const [fewest, ...others] = each;
    const hits = [];
    for (const [key, score] of fewest) {
      let total = score;
      for (const other of others) {
        const more = other.get(key);
        if (more === undefined) {
          total = -1;
          break;
        }
        total += more;
      }
      if (total >= 0) hits.push({ key, score: total });
    }
    hits.sort((a, b) => b.score - a.score || a.key - b.key);
    return hits.map(({ key }) => {
      const bundle = opened.bundles[Math.floor(key / 1048576)];
      const url = new URL(`p/${key % 1048576}.json.gz`, bundle.url);
      return { data: () => fetchJson(url) };
    });
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click();
  }

  /*
   * About EXCERPT_WORDS words of the page's indexed text: the window that holds the most of the
   * query's words (the first such), each matching word in a <mark>; every piece is inserted as text.
   */
  function excerpt(text, query) {
    const wanted = words(query);
    const found = [...text.matchAll(TERM)];
    const hit = found.map((m) => wanted.findIndex((word) => weight(m[0].toLowerCase(), word) > 0));
    let first = 0;
    let most = 0;
    for (let at = 0; at < found.length; at++) {
      if (hit[at] < 0) continue;
      const start = Math.max(0, at - Math.floor(EXCERPT_WORDS / 4));
      const distinct = new Set(hit.slice(start, start + EXCERPT_WORDS).filter((word) => word >= 0)).size;
      if (distinct > most) [first, most] = [start, distinct];
    }
    if (found.length === 0) return [document.createTextNode(text)];
    const last = Math.min(found.length, first + EXCERPT_WORDS);
    const start = first === 0 ? 0 : found[first].index;
    const end = last === found.length ? text.length : found[last - 1].index + found[last - 1][0].length;
    const nodes = first === 0 ? [] : [document.createTextNode("… ")];
    let at = start;
    for (let word = first; word < last; word++) {
      if (hit[word] < 0) continue;
      const m = found[word];
      if (m.index > at) nodes.push(document.createTextNode(text.slice(at, m.index)));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      nodes.push(mark);
      at = m.index + m[0].length;
    }
    nodes.push(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
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

  function resultItem(data, term) {
    const item = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = sameSite(data.url);
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("h1");
    title.textContent = data.title || data.url; // plain text, as the page's <h1> read
    const text = element("p");
    text.append(...excerpt(String(data.text || ""), term));
    article.append(element("div", "md-search-result__icon md-icon"), title, text);
    link.append(article);
    item.append(link);
    return item;
  }

  function render(term, total, items, rest) {
    pending = rest;
    shown = term;
    if (total === 0) {
      meta.textContent = translate(term ? "search.result.none" : "search.result.placeholder");
    } else {
      meta.textContent = translate(total === 1 ? "search.result.one" : "search.result.other", total);
    }
    list.replaceChildren(...items.map((item) => resultItem(item, term)));
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
        list.append(...items.map((item) => resultItem(item, shown)));
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
      const results = await search(await load(), term);
      if (id !== latest) return;
      const items = await Promise.all(results.slice(0, PAGE_SIZE).map((result) => result.data()));
      if (id !== latest) return;
      render(term, results.length, items, results.slice(PAGE_SIZE));
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
