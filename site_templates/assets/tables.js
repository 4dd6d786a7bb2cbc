/*
 * Sortable, filterable tables. No dependencies, no network.
 *
 * Mark a table, or an element that wraps a Markdown table, with `data-sortable`:
 *   - every column heading becomes a button that sorts the rows (click again to reverse);
 *     a cell sorts by the `data-sort` value of an element inside it, else by its text;
 *     numbers compare as numbers, anything else as text;
 *   - when rows carry `data-filter-values="a b c"` (space-separated tokens) on an element
 *     inside them, a select above the table shows only rows holding the chosen token.
 * The table works without JavaScript; this only adds behaviour.
 */
(function () {
  "use strict";

  function sortKey(cell) {
    var keyed = cell.querySelector("[data-sort]");
    return (keyed ? keyed.getAttribute("data-sort") : cell.textContent || "").trim();
  }

  function compareKeys(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && isFinite(x) && isFinite(y)) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortRows(table, column, header) {
    var body = table.tBodies[0];
    var descending = header.getAttribute("aria-sort") === "ascending";
    table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compareKeys(sortKey(r1.cells[column]), sortKey(r2.cells[column]));
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function makeSortable(table) {
    table.querySelectorAll("thead th").forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sortable-table__sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      button.addEventListener("click", function () { sortRows(table, column, header); });
      header.appendChild(button);
    });
  }

  function rowTokens(row) {
    var holder = row.querySelector("[data-filter-values]");
    return holder ? holder.getAttribute("data-filter-values").split(/\s+/).filter(Boolean) : [];
  }

  function makeFilterable(container, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var tokens = {};
    rows.forEach(function (row) { rowTokens(row).forEach(function (t) { tokens[t] = true; }); });
    var names = Object.keys(tokens).sort();
    if (!names.length) return;
    var label = document.createElement("label");
    label.className = "sortable-table__filter";
    label.appendChild(document.createTextNode("Show "));
    var select = document.createElement("select");
    select.appendChild(new Option("all rows", ""));
    names.forEach(function (name) { select.appendChild(new Option(name, name)); });
    var status = document.createElement("span");
    status.className = "sortable-table__count";
    status.setAttribute("aria-live", "polite");
    select.addEventListener("change", function () {
      var shown = 0;
      rows.forEach(function (row) {
        row.hidden = select.value !== "" && rowTokens(row).indexOf(select.value) < 0;
        if (!row.hidden) shown += 1;
      });
      status.textContent = " " + shown + " of " + rows.length + " shown";
    });
    label.appendChild(select);
    label.appendChild(status);
    container.insertBefore(label, container.firstChild);
  }

  function init() {
    document.querySelectorAll("[data-sortable]").forEach(function (container) {
      var table = container.tagName === "TABLE" ? container : container.querySelector("table");
      if (!table || !table.tHead || !table.tBodies.length || table.hasAttribute("data-sortable-ready")) return;
      table.setAttribute("data-sortable-ready", "");
      makeSortable(table);
      makeFilterable(container.tagName === "TABLE" ? table.parentNode : container, table);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material: also runs after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
