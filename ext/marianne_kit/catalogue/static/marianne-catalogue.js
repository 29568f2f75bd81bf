/* Lever catalogue (marianne_kit.catalogue): facet filters, a search that ignores
 * accents and case, and the filter state in the URL (canal, categorie, engagement,
 * spplus for a Services Publics+ engagement, q; repeatable) so a view can be shared
 * as a link and Back/Forward work.
 * Progressive enhancement: without this script the full table shows and the
 * (useless) form stays hidden. No dependency, no request: works from file://. */
(function () {
  "use strict";

  const root = document.getElementById("mk-catalogue");
  if (!root) {
    return;
  }
  const form = document.getElementById("mk-catalogue-filters");
  const search = document.getElementById("mk-catalogue-q");
  const status = document.getElementById("mk-catalogue-count");
  const empty = document.getElementById("mk-catalogue-empty");
  const reset = document.getElementById("mk-catalogue-reset");
  const copy = document.getElementById("mk-catalogue-copy");
  const copied = document.getElementById("mk-catalogue-copied");
  const FACETS = ["canal", "categorie", "engagement", "spplus"];
  const NBSP = "\u00a0";

  /* « Téléphonique » and « telephonique » fold alike; so do ’ and ', œ and oe. */
  function fold(text) {
    return text
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/[’‘ʼ`]/g, "'")
      .replace(/\s+/g, " ");
  }

  /* « telephone » must find « téléphonique », « horaire » « horaires »: a query word
   * of five letters or more drops a final s or x, then a final e, and matches any
   * text that contains what is left. */
  function stem(word) {
    return word.length < 5 ? word : word.replace(/[sx]$/, "").replace(/e$/, "");
  }

  const boxes = {};
  for (const facet of FACETS) {
    boxes[facet] = Array.from(form.querySelectorAll(`input[type="checkbox"][name="${facet}"]`));
  }
  // Folded once: filtering is then a few hundred substring tests per keystroke.
  const rows = Array.from(root.querySelectorAll("tbody tr"), (tr) => {
    const engagement = (tr.dataset.engagement || "").split(" ");
    return {
      element: tr,
      // Cell by cell, so no word is glued to the next column's first word.
      text: fold(`${Array.from(tr.cells, (cell) => cell.textContent).join(" ")} ${engagement.join(" ")}`),
      canal: [tr.dataset.canal],
      categorie: [tr.dataset.categorie],
      engagement: engagement,
      // A lever the crosswalk maps to no SP+ engagement matches no SP+ value.
      spplus: (tr.dataset.spplus || "").split(" ").filter(Boolean),
    };
  });
  const total = rows.length;

  function stateFromControls() {
    const state = { q: search.value };
    for (const facet of FACETS) {
      state[facet] = boxes[facet].filter((box) => box.checked).map((box) => box.value);
    }
    return state;
  }

  /* Unknown values in a hand-edited URL are ignored, not errors. */
  function stateFromUrl() {
    const params = new URLSearchParams(window.location.search);
    const state = { q: params.get("q") || "" };
    for (const facet of FACETS) {
      const wanted = new Set(params.getAll(facet));
      state[facet] = boxes[facet].filter((box) => wanted.has(box.value)).map((box) => box.value);
    }
    return state;
  }

  function showState(state) {
    for (const facet of FACETS) {
      const chosen = new Set(state[facet]);
      for (const box of boxes[facet]) {
        box.checked = chosen.has(box.value);
      }
    }
    search.value = state.q;
  }

  function query(state) {
    const params = new URLSearchParams();
    for (const facet of FACETS) {
      for (const value of state[facet]) {
        params.append(facet, value);
      }
    }
    const words = state.q.trim();
    if (words) {
      params.append("q", words);
    }
    const text = params.toString();
    return text ? `?${text}` : "";
  }

  function countText(shown) {
    const noun = shown <= 1 ? "levier affiché" : "leviers affichés";
    return `${shown}${NBSP}${noun} sur ${total}`;
  }

  function apply(state) {
    const words = fold(state.q).split(" ").filter(Boolean).map(stem);
    const chosen = FACETS.map((facet) => (state[facet].length ? new Set(state[facet]) : null));
    let shown = 0;
    for (const row of rows) {
      let visible = true;
      for (let i = 0; visible && i < FACETS.length; i++) {
        const set = chosen[i];
        visible = !set || row[FACETS[i]].some((value) => set.has(value));
      }
      for (let i = 0; visible && i < words.length; i++) {
        visible = row.text.includes(words[i]);
      }
      if (row.element.hidden === visible) {
        row.element.hidden = !visible;
      }
      shown += visible ? 1 : 0;
    }
    empty.hidden = shown > 0;
    status.textContent = countText(shown);
    // A folded facet's summary says how many of its values are chosen, in the
    // words (agreement) its HTML gives; facets stay folded so the table stays in sight.
    for (const facet of FACETS) {
      const count = state[facet].length;
      const label = form.querySelector(`.mk-facet-selected[data-param="${facet}"]`);
      if (label) {
        const word = count <= 1 ? label.dataset.one : label.dataset.many;
        label.textContent = count ? ` · ${count}${NBSP}${word}` : "";
      }
    }
  }

  /* Each checkbox or reset is one history entry; a run of keystrokes is one too.
   * Writing the URL costs Chromium ~8 ms (20 times the filtering), so while the
   * reader types the table follows every key and the URL catches up after a pause. */
  const URL_DELAY_MS = 300;
  let typing = false; // the current run of keystrokes already has its entry
  let pending = 0;
  let typed = null; // the state the last keystroke produced

  function record(state, replace) {
    const url = window.location.pathname + query(state) + window.location.hash;
    const current = window.location.pathname + window.location.search + window.location.hash;
    if (url === current) {
      return;
    }
    try {
      if (replace) {
        window.history.replaceState(null, "", url);
      } else {
        window.history.pushState(null, "", url);
      }
    } catch (error) {
      // A browser refusing history changes (some file:// policies) still filters.
    }
  }

  function flushTyping() {
    if (pending) {
      window.clearTimeout(pending);
      pending = 0;
      record(typed, typing);
      typing = true;
    }
  }

  function endTyping() {
    flushTyping();
    typing = false;
  }

  form.addEventListener("change", (event) => {
    // A checkbox, or the search field left (Enter, or a click on a lever link:
    // its URL is written before the page goes, so Back returns to this view).
    endTyping();
    if (event.target !== search) {
      const state = stateFromControls();
      apply(state);
      record(state, false);
    }
  });
  search.addEventListener("input", () => {
    typed = stateFromControls();
    apply(typed);
    window.clearTimeout(pending);
    pending = window.setTimeout(flushTyping, URL_DELAY_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault(); // Enter in the search field: the table is already filtered
    endTyping();
  });
  reset.addEventListener("click", () => {
    endTyping();
    const state = { q: "" };
    for (const facet of FACETS) {
      state[facet] = [];
    }
    showState(state);
    apply(state);
    record(state, false);
  });
  /* The link of the view as shown, even where the browser refused to write the URL.
   * The Clipboard API exists in secure contexts only (https, localhost); elsewhere
   * (an intranet over http) a selected, off-screen text field is copied. */
  function copyBySelection(text) {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "mk-sr-only";
    document.body.appendChild(field);
    field.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    field.remove();
    copy.focus();
    return done;
  }

  copy.addEventListener("click", async () => {
    endTyping();
    const link = new URL(
      window.location.pathname + query(stateFromControls()) + window.location.hash,
      window.location.href,
    ).href;
    let done = false;
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(link);
        done = true;
      } catch (error) {
        done = false;
      }
    }
    if (!done) {
      done = copyBySelection(link);
    }
    copied.textContent = done
      ? "Lien copié : collez-le pour partager cette sélection."
      : "Copie impossible : copiez l’adresse de la page dans la barre du navigateur.";
  });
  form.addEventListener("change", () => {
    copied.textContent = "";
  });
  search.addEventListener("input", () => {
    copied.textContent = "";
  });
  window.addEventListener("popstate", () => {
    window.clearTimeout(pending);
    pending = 0;
    typing = false;
    const state = stateFromUrl();
    showState(state);
    apply(state);
  });

  form.hidden = false;
  // The live count now says what the caption says; the caption stays the table's (and
  // the scrolling region's) name for screen readers, but gives its line to the levers:
  // the DSFR's table without a visible caption.
  const table = root.querySelector(".fr-table");
  if (table) {
    table.classList.add("fr-table--no-caption");
  }
  const initial = stateFromUrl();
  showState(initial);
  apply(initial);
})();
