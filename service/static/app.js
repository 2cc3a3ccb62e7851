// Matchmaker pages: small enhancements only. Every page works without this file.
// 1. sortable table headers; 2. review-queue keys (j/k/a/r); 3. drag to re-order priorities;
// 4. area suggestions (and a language check) while a state types a request; 5. the Undo button's few
// seconds; 6. the scroll hint of the navigation strip on narrow screens.
"use strict";

(function () {
  function cellValue(row, index, kind) {
    const cell = row.cells[index];
    if (!cell) return "";
    const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    if (kind === "number") {
      const n = parseFloat(raw.replace(/[^0-9.\-]/g, ""));
      return Number.isNaN(n) ? -Infinity : n;
    }
    return raw.toLocaleLowerCase();
  }

  function makeSortable(table) {
    const headers = Array.from(table.tHead ? table.tHead.rows[0].cells : []);
    headers.forEach(function (th, index) {
      const button = th.querySelector("button.sort");
      if (!button) return;
      button.addEventListener("click", function () {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const kind = th.dataset.sort;
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const x = cellValue(a, index, kind);
          const y = cellValue(b, index, kind);
          const order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function typing(event) {
    const t = event.target;
    return t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
  }

  function reviewQueue(queue) {
    const cards = Array.from(queue.querySelectorAll(".suggestion"));
    if (!cards.length) return;
    // -1 until a card is chosen: the first j selects the first card rather than skipping it, and a or r
    // never act on a card the user has not chosen.
    let current = cards.findIndex(function (c) { return "#" + c.id === location.hash; });
    function mark(i) {
      current = i;
      cards.forEach(function (c, j) { c.classList.toggle("is-current", j === i); });
    }
    function focus(i) {
      mark(Math.min(cards.length - 1, Math.max(0, i)));
      cards[current].focus({ preventScroll: true });
      cards[current].scrollIntoView({ block: "nearest" });
    }
    cards.forEach(function (card, i) { card.addEventListener("focusin", function () { mark(i); }); });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (typing(event)) {
        if (event.key === "Escape" && current >= 0) { cards[current].focus(); }
        return;
      }
      if (!["j", "k", "a", "r"].includes(event.key)) return;
      event.preventDefault();
      if (current < 0) { focus(0); return; }
      const card = cards[current];
      if (event.key === "j") { focus(current + 1); }
      else if (event.key === "k") { focus(current - 1); }
      else if (event.key === "a") { const b = card.querySelector("button[data-action=accept]"); if (b) b.click(); }
      else if (event.key === "r") { const input = card.querySelector("input[name=reason]"); if (input) input.focus(); }
    });
    if (current >= 0) focus(current);
  }

  // The Undo button of a decision's message is offered for a few seconds only.
  function undoWindow(form) {
    const seconds = parseInt(form.dataset.undoSeconds || "15", 10);
    setTimeout(function () { form.remove(); }, seconds * 1000);
  }

  // A navigation strip wider than the screen scrolls sideways; say so while more tabs are hidden.
  function scrollHint(nav) {
    const list = nav.querySelector("ul");
    if (!list) return;
    function update() {
      const more = list.scrollWidth - list.clientWidth - list.scrollLeft > 2;
      nav.classList.toggle("has-more", more);
    }
    list.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    const active = list.querySelector("[aria-current=page]");
    if (active) active.scrollIntoView({ block: "nearest", inline: "nearest" });
    update();
  }

  function priorityDrag(table) {
    const body = table.tBodies[0];
    let dragged = null;
    Array.from(body.rows).forEach(function (row) {
      row.setAttribute("draggable", "true");
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.dataset.id || "");
      });
      row.addEventListener("dragend", function () { row.classList.remove("dragging"); });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        const box = row.getBoundingClientRect();
        body.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? row.nextSibling : row);
      });
      row.addEventListener("drop", function (event) { event.preventDefault(); });
    });
    body.addEventListener("drop", function () {
      if (!dragged) return;
      dragged = null;
      const form = table.closest("form");
      const save = form.querySelector("button[name=save]");
      if (save) save.click();
    });
  }

  function areaSuggestions(form) {
    const url = form.dataset.tagUrl;
    const title = form.querySelector("[name=title]");
    const description = form.querySelector("[name=description]");
    const language = form.querySelector("[name=language]");
    const status = form.querySelector("[data-suggestions]");
    const use = form.querySelector("[data-use-suggestions]");
    const warning = form.querySelector("[data-language-warning]");
    let timer = null;
    let latest = [];
    function ask() {
      const text = (title.value + "\n" + description.value).trim();
      if (text.length < 4) return;
      const query = new URLSearchParams({ text: text, language: language ? language.value : "" });
      fetch(url + "?" + query.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { areas: [] }; })
        .then(function (data) {
          latest = (data.areas || []).map(function (a) { return a.id; });
          form.querySelectorAll(".check").forEach(function (label) {
            label.classList.toggle("is-suggested", latest.includes(label.dataset.value));
          });
          if (status) {
            status.textContent = latest.length
              ? "Suggested from your text: " + data.areas.map(function (a) { return a.name; }).join(", ") + "."
              : "No area recognised yet.";
          }
          if (use) use.hidden = !latest.length;
          if (warning && language) {
            const chosen = language.options[language.selectedIndex];
            const mismatch = data.language && data.language !== "und" && data.language !== language.value;
            warning.hidden = !mismatch;
            warning.textContent = mismatch
              ? "Your text looks written in " + data.language_name + ", but the language chosen is " +
                (chosen ? chosen.text : language.value) + ". Change “Language of the text” if that is a mistake."
              : "";
          }
        })
        .catch(function () { /* suggestions are optional */ });
    }
    [title, description].forEach(function (el) {
      if (el) el.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 400); });
    });
    if (language) language.addEventListener("change", ask);
    if (use) {
      use.addEventListener("click", function (event) {
        event.preventDefault();
        form.querySelectorAll("input[name=areas]").forEach(function (box) { if (latest.includes(box.value)) box.checked = true; });
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(makeSortable);
    document.querySelectorAll(".queue").forEach(reviewQueue);
    document.querySelectorAll("form[data-undo-seconds]").forEach(undoWindow);
    document.querySelectorAll(".main-nav").forEach(scrollHint);
    document.querySelectorAll("table.reorder").forEach(priorityDrag);
    document.querySelectorAll("form[data-tag-url]").forEach(areaSuggestions);
  });
})();
