/* journeymaps: emotion charts, the canvas's lanes, and list filters.
 * Runs on every page Material shows, including after instant navigation (document$),
 * and loads plotly.js, once, only when a page has a chart. Until it arrives the
 * server-drawn SVG curve stays visible. */
(function () {
  "use strict";
  var plotlyLoading = null;
  var drawn = [];

  function loadPlotly(src) {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { plotlyLoading = null; reject(new Error("plotly.js did not load from " + src)); };
        document.head.appendChild(script);
      });
    }
    return plotlyLoading;
  }

  function themeColors() {
    var style = getComputedStyle(document.body);
    var fg = style.getPropertyValue("--md-default-fg-color").trim() || "#333";
    var light = style.getPropertyValue("--md-default-fg-color--light").trim() || "#777";
    var bg = style.getPropertyValue("--md-default-bg-color").trim() || "#fff";
    var font = style.getPropertyValue("--md-text-font-family").trim() || "sans-serif";
    return { fg: fg, light: light, bg: bg, font: font };
  }

  function themed(layout) {
    var c = themeColors();
    layout.font = { color: c.fg, family: c.font, size: 12 };
    layout.hoverlabel = { bgcolor: c.bg, bordercolor: c.light, font: { color: c.fg } };
    layout.xaxis.tickfont = Object.assign({}, layout.xaxis.tickfont, { color: c.light });
    layout.yaxis.tickfont = { color: c.light };
    (layout.annotations || []).forEach(function (a) { a.font = { color: c.fg }; });
    return layout;
  }

  function drawChart(figure, Plotly) {
    var spec = JSON.parse(figure.getAttribute("data-jm-chart"));
    var target = figure.querySelector(".jm-chart__plot");
    // The config comes with the spec: it keeps every button that would send the chart off the
    // site out of the toolbar, and puts the toolbar's words in the site's language.
    figure.classList.add("jm-chart--drawn");
    if (target.clientWidth < 600) {
      // A phone has no room for a name under every step: hovering a point names it, and the
      // stage cards above list the steps.
      spec.layout.xaxis.showticklabels = false;
    }
    return Plotly.newPlot(target, spec.data, themed(spec.layout), spec.config).then(function () {
      drawn.push(target);
    }, function (error) {
      figure.classList.remove("jm-chart--drawn");
      throw error;
    });
  }

  function drawCharts() {
    // Charts of pages left by instant navigation are gone from the document: free them.
    drawn = drawn.filter(function (el) {
      if (document.body.contains(el)) return true;
      if (window.Plotly) window.Plotly.purge(el);
      return false;
    });
    var figures = Array.prototype.slice.call(document.querySelectorAll(".jm-chart[data-jm-chart]:not(.jm-chart--drawn)"));
    if (!figures.length) return;
    loadPlotly(figures[0].getAttribute("data-jm-plotly")).then(function (Plotly) {
      figures.forEach(function (figure) {
        drawChart(figure, Plotly).catch(function (error) { console.error("journeymaps: chart not drawn:", error); });
      });
    }, function (error) {
      console.warn("journeymaps:", error.message, "- showing the static curve");
    });
  }

  function rethemeCharts() {
    if (!window.Plotly) return;
    var c = themeColors();
    drawn.forEach(function (el) {
      if (!document.body.contains(el)) return;
      var update = {
        "font.color": c.fg, "font.family": c.font,
        "hoverlabel.bgcolor": c.bg, "hoverlabel.font.color": c.fg,
        "xaxis.tickfont.color": c.light, "yaxis.tickfont.color": c.light
      };
      (el.layout.annotations || []).forEach(function (_, i) { update["annotations[" + i + "].font.color"] = c.fg; });
      window.Plotly.relayout(el, update);
    });
  }

  // A filter form: each <select name="x"> keeps the rows whose data-x (lines of values)
  // holds the chosen value. The choice is kept in the address so a filtered list can be shared.
  function setUpFilters() {
    var form = document.querySelector("form[data-jm-filters]");
    if (!form || form.getAttribute("data-jm-ready")) return;
    form.setAttribute("data-jm-ready", "1");
    form.hidden = false;
    var rows = Array.prototype.slice.call(document.querySelectorAll(form.getAttribute("data-jm-rows")));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector("[data-jm-count]");
    var empty = document.querySelector("[data-jm-empty]");
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    });

    function apply() {
      var shown = 0;
      var query = new URLSearchParams();
      selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
      rows.forEach(function (row) {
        var ok = selects.every(function (select) {
          return !select.value || (row.getAttribute("data-" + select.name) || "").split("\n").indexOf(select.value) >= 0;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", rows.length);
      if (empty) empty.hidden = shown > 0;
      var search = query.toString();
      history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  // The canvas's lanes: each checkbox shows or hides the rows of one lane. The choice is kept
  // in the address (?lanes=emotion,pain-points) so that a link shows the same lanes.
  function setUpLanes() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-jm-lanes]:not([data-jm-ready])"), function (form) {
      var canvas = document.getElementById(form.getAttribute("data-jm-lanes"));
      if (!canvas) return;
      form.setAttribute("data-jm-ready", "1");
      form.hidden = false;
      var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=lanes]"));
      var wanted = new URLSearchParams(window.location.search).get("lanes");
      if (wanted !== null) {
        var keys = wanted.split(",");
        boxes.forEach(function (box) { box.checked = keys.indexOf(box.value) >= 0; });
      }

      function apply() {
        var shown = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
        Array.prototype.forEach.call(canvas.querySelectorAll("tbody[data-lane]"), function (lane) {
          lane.hidden = shown.indexOf(lane.getAttribute("data-lane")) < 0;
        });
        var asDefault = boxes.every(function (box) { return box.checked === box.defaultChecked; });
        var query = new URLSearchParams(window.location.search);
        query.delete("lanes");
        // Lane names are plain words: the list stays readable in the address, commas and all.
        var search = query.toString();
        if (!asDefault) search += (search ? "&" : "") + "lanes=" + shown.join(",");
        history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      var print = form.querySelector("[data-jm-print]");
      if (print) print.addEventListener("click", function () { window.print(); });
      apply();
    });
  }

  // A link to #step-<id> lands on the canvas's step column; on a phone, where the canvas is a
  // list of stage cards, it lands on the step's card instead.
  function showStepCard() {
    var id = decodeURIComponent(window.location.hash.replace(/^#step-/, ""));
    if (!id || id === window.location.hash.slice(1)) return;
    var column = document.getElementById("step-" + id);
    if (!column || column.getClientRects().length) return;
    var card = Array.prototype.find.call(document.querySelectorAll("[data-step-card]"), function (el) {
      return el.getAttribute("data-step-card") === id;
    });
    if (card) card.scrollIntoView();
  }

  function onPage() {
    drawCharts();
    setUpFilters();
    setUpLanes();
    showStepCard();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
  window.addEventListener("hashchange", showStepCard);
  new MutationObserver(rethemeCharts).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
