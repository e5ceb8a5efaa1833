/* digest: a month folded on the home page (digest/pages/home.py) opens when a link leads to it.
 *
 * The month's heading is the link's target and its list a closed <details> right below it;
 * find-in-page opens such a list by itself. Material's instant navigation keeps this script
 * from page to page, so it runs again on each page that document$ announces.
 */
(function () {
  "use strict";

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.nextElementSibling;
    if (fold && fold.tagName === "DETAILS" && fold.classList.contains("dg-fold")) fold.open = true;
  }

  window.addEventListener("hashchange", openTarget);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(openTarget);
  } else {
    openTarget();
  }
  /* A link to the month already in the address bar changes no hash. */
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a[href*='#']");
    if (link && link.hash && link.pathname === location.pathname) setTimeout(openTarget, 0);
  });
})();
