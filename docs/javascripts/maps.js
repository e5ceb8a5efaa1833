/* digest: draws every <div class="dg-map" data-stops="[...]"> with Leaflet.
 *
 * The points come from digest/pages/maps.py: name, lat, lon, and optionally url,
 * day, note and articles [{title, url}]. Titles come from scraped articles, so
 * every string goes into the page as text (textContent), never as HTML.
 *
 * Markers and lines are vectors (SVG): they show even when the OpenStreetMap
 * tiles cannot load (offline). Works with Material's instant navigation: every
 * new page is drawn once, and maps of pages left behind are removed.
 */
(function () {
  "use strict";

  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION =
    '© <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>';
  var maps = [];

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function titleOf(point, number) {
    return (number ? number + ". " : "") + point.name;
  }

  // One stop (or place) inside a popup: its name (a link to its page), day, note, articles.
  function entryOf(point, number) {
    var box = element("div", "dg-map__entry");
    var heading = element("strong", "dg-map__name");
    if (point.url) {
      var link = element("a", null, titleOf(point, number));
      link.href = point.url;
      heading.appendChild(link);
    } else {
      heading.textContent = titleOf(point, number);
    }
    box.appendChild(heading);
    if (point.day) box.appendChild(element("div", "dg-map__day", point.day));
    if (point.note) box.appendChild(element("div", "dg-map__note", point.note));
    if (point.articles && point.articles.length) {
      var list = element("ul", "dg-map__articles");
      point.articles.forEach(function (article) {
        var item = element("li");
        var link = element("a", null, article.title);
        link.href = article.url;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  // Points at the same coordinates (a country drawn at its capital, and the capital) share
  // one marker, else the one on top would hide the other's popup.
  function groupByPlace(points, itinerary) {
    var groups = [];
    var byKey = {};
    points.forEach(function (point, index) {
      var key = point.lat + "," + point.lon;
      if (!byKey[key]) {
        byKey[key] = { latlng: [point.lat, point.lon], members: [] };
        groups.push(byKey[key]);
      }
      byKey[key].members.push({ point: point, number: itinerary ? index + 1 : null });
    });
    return groups;
  }

  function popupOf(group) {
    var box = element("div", "dg-map__popup");
    group.members.forEach(function (member) {
      box.appendChild(entryOf(member.point, member.number));
    });
    return box;
  }

  function draw(container) {
    var points;
    try {
      points = JSON.parse(container.getAttribute("data-stops") || "[]");
    } catch (error) {
      return;
    }
    points = points.filter(function (p) {
      return typeof p.lat === "number" && typeof p.lon === "number";
    });
    if (!points.length) return;
    var itinerary = container.getAttribute("data-kind") === "itinerary";
    var map = L.map(container, {
      zoomControl: false,
      scrollWheelZoom: false, // the page scrolls; zoom with the buttons or a pinch
      dragging: !L.Browser.mobile, // one finger scrolls the page on a phone
      attributionControl: false,
    });
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    L.control
      .attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' })
      .addTo(map);
    L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map);

    var latlngs = points.map(function (p) {
      return [p.lat, p.lon];
    });
    if (itinerary && latlngs.length > 1) {
      L.polyline(latlngs, { className: "dg-map__line", weight: 3, interactive: false }).addTo(map);
    }
    groupByPlace(points, itinerary).forEach(function (group) {
      var marker = L.circleMarker(group.latlng, {
        className: "dg-map__stop",
        radius: itinerary ? 11 : 8,
        weight: 2,
        fillOpacity: 0.9,
      });
      // Narrow enough to fit a phone's map beside the zoom buttons, which it is panned clear of.
      marker.bindPopup(popupOf(group), {
        maxWidth: Math.max(160, Math.min(280, container.clientWidth - 120)),
        autoPanPaddingTopLeft: [56, 12],
      });
      if (itinerary) {
        var numbers = group.members.map(function (m) { return m.number; }).join(",");
        marker.bindTooltip(numbers, { permanent: true, direction: "center", className: "dg-map__number" });
      } else {
        var names = group.members.map(function (m) { return m.point.name; }).join(", ");
        marker.bindTooltip(names, { direction: "top", offset: [0, -6] });
      }
      marker.addTo(map);
    });
    map.fitBounds(L.latLngBounds(itinerary ? focusOf(latlngs) : latlngs), { padding: [28, 28], maxZoom: 7 });
    container.setAttribute("data-dg-ready", "");
    maps.push(map);
  }

  // A trip that ends with a far leg ("before leaving for Tokyo") would zoom the region out
  // until its stops overlap: the view fits the stops near the median one, and the route
  // to a far stop runs off the edge (its marker is a zoom or a drag away).
  var FOCUS_RADIUS_M = 2500e3;

  function focusOf(latlngs) {
    function median(values) {
      var sorted = values.slice().sort(function (a, b) { return a - b; });
      return sorted[Math.floor(sorted.length / 2)];
    }
    var centre = L.latLng(
      median(latlngs.map(function (p) { return p[0]; })),
      median(latlngs.map(function (p) { return p[1]; }))
    );
    var near = latlngs.filter(function (p) {
      return centre.distanceTo(p) <= FOCUS_RADIUS_M;
    });
    return near.length >= 2 ? near : latlngs;
  }

  function init() {
    if (!window.L) return; // Leaflet missing (not installed): the itinerary is still written out
    maps = maps.filter(function (map) {
      if (document.body.contains(map.getContainer())) return true;
      map.remove();
      return false;
    });
    var containers = document.querySelectorAll(".dg-map:not([data-dg-ready])");
    Array.prototype.forEach.call(containers, draw);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material: every page, first and instant loads
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
