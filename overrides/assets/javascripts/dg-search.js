/* digest: the header search, answered by Pagefind.
 *
 * partials/search.html keeps Material's markup (so its styles, the phone overlay and the
 * dark scheme apply) without mounting Material's own search; this script does what
 * Material's search component does: open on focus or on "/", "s", "f"; close on Escape;
 * arrows move through the results; Enter opens the first one. Pagefind's bundle
 * (written by the digest plugin after each build) is loaded on first use only.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-dg-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector("[data-dg-search-query]");
  var form = input.form;
  var result = root.querySelector("[data-dg-search-result]");
  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");
  var text = root.dataset;
  var MAX_RESULTS = 20;
  /* Shown as soon as their excerpts arrive; the others follow. A browser fetches six files at a
     time from one server, so waiting for all twenty excerpts took four round trips. */
  var FIRST_RESULTS = 5;
  /* A query whose last word is shorter than SEARCH_LETTERS waits this long for the next key:
     the reader has paused on it ("ONU"), not just begun a word. */
  var DEBOUNCE_MS = 300;
  var PRELOAD_LETTERS = 3;
  /* A last word shorter than this is searched only after DEBOUNCE_MS without a key: "tr" or
     "trê" begin very common words ("très"), whose thousands of pages would hold the page's
     thread (0.4 s at 10,000 articles) while the reader goes on typing. */
  var SEARCH_LETTERS = 4;

  /* Absolute URLs, computed once: under instant navigation this script outlives the page. */
  var bundle = new URL(text.dgBundle, location.href).href;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base || ".", location.href).pathname.replace(/\/?$/, "/");

  /* A large site's index comes in parts (digest/search_index.py lists them in parts.json):
     Pagefind searches them together and merges the results by score. */
  function parts() {
    return fetch(bundle + "parts.json").then(function (response) {
      return response.ok ? response.json() : { parts: [] };
    }).then(function (found) {
      return found.parts.map(function (part) { return new URL(part, bundle).pathname; });
    });
  }

  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = Promise.all([import(bundle + "pagefind.js"), parts()]).then(function (loaded) {
        var module = loaded[0];
        /* noWorker: in a worker, 5,000 results cross to the page and every excerpt is a round
           trip; the search ran twice as slow there at 10,000 articles, and its script is 41 kB. */
        return Promise.resolve(module.options({ baseUrl: siteRoot, excerptLength: 28, noWorker: true }))
          .then(function () { return module.init(); })
          .then(function () { return Promise.all(loaded[1].map(function (part) { return module.mergeIndex(part); })); })
          .then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function setOpen(open) {
    if (toggle && toggle.checked !== open) toggle.checked = open;
    if (open) loadPagefind().catch(function () {});
  }

  var dayFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  var monthFormat = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });
  /* "2023-11-06" -> "6 novembre 2023"; "2024-06" -> "juin 2024". */
  function frenchDate(iso) {
    var parts = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso || "");
    if (!parts) return iso || "";
    var date = new Date(Date.UTC(+parts[1], +parts[2] - 1, parts[3] ? +parts[3] : 1));
    return (parts[3] ? dayFormat : monthFormat).format(date);
  }

  function count(n) {
    if (n === 0) return text.dgNone;
    if (n === 1) return text.dgOne;
    return text.dgOther.replace("#", n.toLocaleString("fr-FR"));
  }

  /* Pagefind hands metadata and filters back as written in the HTML: "l&#39;importance" -> "l'importance". */
  function decode(markup) {
    return markup ? new DOMParser().parseFromString(markup, "text/html").documentElement.textContent : "";
  }

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content) el.textContent = content;
    return el;
  }

  /* Material's result markup: li > a.md-search-result__link > article.md-search-result__article. */
  function renderItem(data) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = data.url;
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset dg-search-result");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    article.appendChild(element("h1", null, decode(data.meta.title) || data.url));
    /* A filter, not a meta (overrides/main.html): Pagefind would search its words. The trip's
       dates are the article's own. */
    var trip = decode((data.filters.trip || [])[0]).split(" — ")[0];
    var facts = [frenchDate(data.meta.date), decode(data.meta.source)].filter(Boolean).join(" · ");
    if (facts || trip) {
      var line = element("p", "dg-search-result__meta");
      if (facts) line.appendChild(element("span", "dg-search-result__when", facts));
      if (trip) line.appendChild(element("span", "dg-search-result__trip", trip));
      article.appendChild(line);
    }
    var excerpt = element("p", "dg-search-result__excerpt");
    excerpt.innerHTML = data.excerpt; /* Pagefind escapes the text; only <mark> is markup. */
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  var lastQuery = null;
  var pending = null;
  var searching = false; /* Pagefind ranks on this thread: one search at a time */
  function search() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (!query) {
      list.replaceChildren();
      meta.textContent = text.dgPlaceholder;
      delete result.dataset.query;
      delete result.dataset.showing;
      return;
    }
    preload(query);
    clearTimeout(pending);
    pending = null;
    if (stillTyping(query, SEARCH_LETTERS)) {
      pending = setTimeout(function () { pending = null; answer(query); }, DEBOUNCE_MS);
    } else {
      answer(query);
    }
  }

  /* Whether the query's last word, shorter than `letters`, is likely the start of a longer one. */
  function stillTyping(query, letters) {
    var words = query.split(/\s+/);
    return !/\s$/.test(input.value) && words[words.length - 1].length < letters;
  }

  /* The newest query is searched as soon as Pagefind is free: keys typed during a search wait for
     its end, and only the last of them is searched then. */
  function answer(query) {
    if (searching) return;
    searching = true;
    function free() {
      searching = false;
      /* unless the newest waits for its own timer */
      if (lastQuery && lastQuery !== query && pending === null) answer(lastQuery);
    }
    loadPagefind().then(function (pf) {
      return query === lastQuery ? pf.search(query) : null;
    }).then(function (found) {
      free();
      if (found === null || query !== lastQuery) return; /* a newer query is on its way */
      var shown = found.results.slice(0, MAX_RESULTS);
      function data(results) { return Promise.all(results.map(function (r) { return r.data(); })); }
      return data(shown.slice(0, FIRST_RESULTS)).then(function (pages) {
        if (query !== lastQuery) return;
        meta.textContent = count(found.results.length);
        list.replaceChildren.apply(list, pages.map(renderItem));
        result.dataset.showing = query; /* the first results of this query are on screen */
        return data(shown.slice(FIRST_RESULTS)).then(function (more) {
          if (query !== lastQuery) return;
          more.forEach(function (page) { list.appendChild(renderItem(page)); });
          result.dataset.query = query; /* what the whole list answers (the browser tests wait for it) */
        });
      });
    }).catch(function () {
      if (searching) free();
      meta.textContent = text.dgError;
    });
  }

  input.addEventListener("focus", function () { setOpen(true); });
  /* Fetch the index chunks of the words being typed while the reader types, not after the
     debounce; but not for a word of one or two letters still being typed: "a" or "h" would
     fetch every chunk of the words starting with it (130 kB at 10,000 articles). */
  function preload(query) {
    var words = query.split(/\s+/);
    if (stillTyping(query, PRELOAD_LETTERS)) words.pop();
    if (words.length) loadPagefind().then(function (pf) { return pf.preload(words.join(" ")); }).catch(function () {});
  }

  input.addEventListener("input", search);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(); input.focus(); }, 0);
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        setOpen(true);
        setTimeout(function () { input.focus(); }, 100);
      } else {
        input.blur();
      }
    });
  }
  result.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("a")) setOpen(false);
  });

  function typing(el) {
    return el && (el.isContentEditable || /^(input|select|textarea)$/i.test(el.tagName));
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.metaKey || ev.ctrlKey || ev.altKey) return;
    var open = toggle ? toggle.checked : document.activeElement === input;
    if (!open) {
      if ((ev.key === "/" || ev.key === "s" || ev.key === "f") && !typing(document.activeElement)) {
        ev.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    var links = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
    switch (ev.key) {
      case "Escape":
      case "Tab":
        setOpen(false);
        input.blur();
        break;
      case "Enter":
        if (document.activeElement === input) {
          ev.preventDefault();
          if (links.length) links[0].click();
        }
        break;
      case "ArrowUp":
      case "ArrowDown":
        var items = [input].concat(links);
        var at = Math.max(0, items.indexOf(document.activeElement));
        items[(at + items.length + (ev.key === "ArrowUp" ? -1 : 1)) % items.length].focus();
        ev.preventDefault();
        break;
    }
  });

  /* A shared link "…/?q=trêve" opens the search with its words. */
  var shared = new URLSearchParams(location.search).get("q");
  if (shared) {
    input.value = shared;
    setOpen(true);
    search();
  }
})();
