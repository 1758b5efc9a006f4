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

  // Each trace names its colour (current, future, pain, star); the values are the page's
  // CSS variables (site/colours.py), so the chart follows the light and dark palettes.
  function traceColours(el, data) {
    var style = getComputedStyle(el);
    return data.map(function (trace) {
      return (trace.meta && style.getPropertyValue("--jm-" + trace.meta).trim()) || null;
    });
  }

  function colourTraces(el, data) {
    traceColours(el, data).forEach(function (colour, i) {
      if (!colour) return;
      data[i].marker = Object.assign({}, data[i].marker, { color: colour });
      if (data[i].line) data[i].line = Object.assign({}, data[i].line, { color: colour });
    });
    return data;
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

  // The spec is base64 of the JSON's UTF-8 (site/render.py, chart_json): HTML minifiers
  // leave it alone.
  function chartSpec(figure) {
    var bytes = Uint8Array.from(atob(figure.getAttribute("data-jm-chart")), function (c) { return c.charCodeAt(0); });
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function drawChart(figure, Plotly) {
    var spec = chartSpec(figure);
    var target = figure.querySelector(".jm-chart__plot");
    // The config comes with the spec: it keeps every button that would send the chart off the
    // site out of the toolbar, and puts the toolbar's words in the site's language.
    figure.classList.add("jm-chart--drawn");
    if (target.clientWidth < 600) {
      // A phone has no room for a name under every step: hovering a point names it, and the
      // stage cards above list the steps.
      spec.layout.xaxis.showticklabels = false;
      spec.layout.margin.b = spec.narrow.margin_b;
      // The stage names over the bands were wrapped for a wide screen: a word a line, smaller,
      // and the top margin grown to match, so that narrow bands' names do not run together.
      var lines = 1;
      (spec.layout.annotations || []).forEach(function (a) {
        a.text = a.text.replace(/<br>| /g, "<br>");
        a.font = Object.assign({}, a.font, { size: 10 });
        lines = Math.max(lines, a.text.split("<br>").length);
      });
      spec.layout.margin.t = spec.narrow.margin_t + spec.narrow.line_height * lines;
    }
    drawn.push(target);
    var data = colourTraces(figure, spec.data);
    target.jmPalette = paletteOf(figure, data);
    return Plotly.newPlot(target, data, themed(spec.layout), spec.config).catch(function (error) {
      figure.classList.remove("jm-chart--drawn");
      drawn = drawn.filter(function (el) { return el !== target; });
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
    var pending = ".jm-chart[data-jm-chart]:not(.jm-chart--drawn)";
    var first = document.querySelector(pending);
    if (!first) return;
    loadPlotly(first.getAttribute("data-jm-plotly")).then(function (Plotly) {
      // The figures not drawn by now: an earlier call may have drawn some.
      Array.prototype.forEach.call(document.querySelectorAll(pending), function (figure) {
        drawChart(figure, Plotly).catch(function (error) { console.error("journeymaps: chart not drawn:", error); });
      });
    }, function (error) {
      console.warn("journeymaps:", error.message, "- showing the static curve");
    });
  }

  // What a chart's colours were taken from: Material sets the palette's attributes again when
  // its script starts, most often to what they were, and redrawing a chart for nothing is slow.
  function paletteOf(el, data) {
    return JSON.stringify([themeColors(), traceColours(el, data)]);
  }

  function rethemeCharts() {
    if (!window.Plotly) return;
    var c = themeColors();
    drawn.forEach(function (el) {
      if (!document.body.contains(el) || !el.layout) return;
      var palette = paletteOf(el, el.data);
      if (el.jmPalette === palette) return;
      el.jmPalette = palette;
      var update = {
        "font.color": c.fg, "font.family": c.font,
        "hoverlabel.bgcolor": c.bg, "hoverlabel.font.color": c.fg,
        "xaxis.tickfont.color": c.light, "yaxis.tickfont.color": c.light
      };
      (el.layout.annotations || []).forEach(function (_, i) { update["annotations[" + i + "].font.color"] = c.fg; });
      window.Plotly.relayout(el, update);
      traceColours(el, el.data).forEach(function (colour, i) {
        if (!colour) return;
        var style = { "marker.color": colour };
        if (el.data[i].line) style["line.color"] = colour;
        window.Plotly.restyle(el, style, [i]);
      });
    });
  }

  // A filter form: each <select name="x"> keeps the rows whose data-x (lines of values)
  // holds the chosen value. The choice is kept in the address so a filtered list can be shared.
  // The count says how many of the rows its data-jm-of selects are shown (all rows without it);
  // a [data-jm-group] (a table among several) is hidden while none of its rows is shown.
  // The rows its data-jm-mirror selects (the matrix's table) follow the filtered rows one for
  // one, in the same order, without facets of their own; if their numbers differ, all stay shown.
  function setUpFilters() {
    var form = document.querySelector("form[data-jm-filters]");
    if (!form || form.getAttribute("data-jm-ready")) return;
    form.setAttribute("data-jm-ready", "1");
    form.hidden = false;
    var rowSelector = form.getAttribute("data-jm-rows");
    var rows = Array.prototype.slice.call(document.querySelectorAll(rowSelector));
    var mirror = form.getAttribute("data-jm-mirror");
    var mirrored = mirror ? Array.prototype.slice.call(document.querySelectorAll(mirror)) : [];
    if (mirrored.length !== rows.length) mirrored = [];
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector("[data-jm-count]");
    var countOf = count && count.getAttribute("data-jm-of");
    var counted = countOf ? rows.filter(function (row) { return row.matches(countOf); }) : rows;
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-jm-group]"));
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
        row.hidden = !selects.every(function (select) {
          return !select.value || (row.getAttribute("data-" + select.name) || "").split("\n").indexOf(select.value) >= 0;
        });
      });
      mirrored.forEach(function (row, i) { row.hidden = rows[i].hidden; });
      counted.forEach(function (row) { if (!row.hidden) shown += 1; });
      groups.forEach(function (group) {
        group.hidden = !Array.prototype.some.call(group.querySelectorAll(rowSelector), function (row) { return !row.hidden; });
      });
      if (count) count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", counted.length);
      if (empty) empty.hidden = shown > 0;
      var search = query.toString();
      history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  // The lanes named in the address (?lanes=emotion,pain-points), or null when it names none.
  function lanesInAddress() {
    var wanted = new URLSearchParams(window.location.search).get("lanes");
    return wanted === null ? null : wanted.split(",");
  }

  function showLanes(canvas, keys) {
    Array.prototype.forEach.call(canvas.querySelectorAll("tbody[data-lane]"), function (lane) {
      lane.hidden = keys.indexOf(lane.getAttribute("data-lane")) < 0;
    });
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
      var keys = lanesInAddress();
      if (keys !== null) boxes.forEach(function (box) { box.checked = keys.indexOf(box.value) >= 0; });

      function apply() {
        var shown = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
        showLanes(canvas, shown);
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

  // On a phone the map page's canvas reads as one card per stage, its steps in a list. The
  // cards are laid out here from the canvas's own cells (the page carries each step's words
  // once): the step's heading, its emotion, touchpoint, data, pain points and opportunities,
  // and the stage's journeys in detail and KPIs. Without JavaScript the canvas scrolls.
  function buildStageCards() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-jm-cards]:not([data-jm-ready])"), function (cards) {
      cards.setAttribute("data-jm-ready", "1");
      var canvas = document.getElementById(cards.getAttribute("data-jm-cards"));
      var rows = canvas && canvas.tHead ? canvas.tHead.rows : [];
      if (rows.length < 2) return;
      // A lane's cells, one a step (a stage, for KPIs), in its last row: the emotion lane's
      // first row is the curve, a blueprint lane's first row its line.
      function laneCells(key) {
        var lane = canvas.querySelector('tbody[data-lane="' + key + '"]');
        if (!lane) return [];
        var row = lane.rows[lane.rows.length - 1];
        return Array.prototype.slice.call(row.cells).filter(function (cell) { return cell.tagName === "TD"; });
      }
      // A cell's part as the card shows it: without the anchors, which stay with the canvas
      // (a link to a pain point lands there), and without what only the canvas has room for
      // (the dotted outline of an assumption, an opportunity's shipped date).
      function copy(node) {
        var clone = node.cloneNode(true);
        if (clone.nodeType !== 1) return clone;
        clone.removeAttribute("id");
        clone.classList.remove("jm-assumption");
        Array.prototype.forEach.call(clone.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
        Array.prototype.forEach.call(clone.querySelectorAll(".jm-shipped"), function (el) {
          if (el.previousSibling && el.previousSibling.nodeType === 3) el.parentNode.removeChild(el.previousSibling);
          el.parentNode.removeChild(el);
        });
        return clone;
      }
      function children(cell, into) {
        Array.prototype.forEach.call(cell ? cell.childNodes : [], function (node) { into.appendChild(copy(node)); });
        return into;
      }
      function div(cell) {
        return cell && cell.textContent.trim() ? children(cell, document.createElement("div")) : null;
      }
      var stages = Array.prototype.slice.call(rows[0].querySelectorAll("th.jm-stage"));
      var steps = Array.prototype.slice.call(rows[1].querySelectorAll("th.jm-step"));
      var faces = laneCells("emotion"), touchpoints = laneCells("touchpoint"), data = laneCells("data");
      var pains = laneCells("pain-points"), opportunities = laneCells("opportunities"), kpis = laneCells("kpis");
      var dataName = canvas.querySelector('tbody[data-lane="data"] th');
      dataName = dataName && dataName.firstChild ? dataName.firstChild.textContent : "";
      var first = 0;
      stages.forEach(function (stage, s) {
        var card = document.createElement("section");
        card.className = "jm-card jm-stage-card";
        var title = document.createElement("h3");
        var name = stage.querySelector(".jm-anchor");
        title.textContent = name ? name.textContent : "";
        card.appendChild(title);
        var details = stage.querySelector(".jm-details");
        if (details) card.appendChild(copy(details));
        if (kpis[s]) children(kpis[s], card);
        var list = document.createElement("ol");
        var count = parseInt(stage.getAttribute("colspan") || "1", 10);
        steps.slice(first, first + count).forEach(function (step, k) {
          var i = first + k, item = document.createElement("li");
          item.setAttribute("data-step-card", step.id);
          var strong = document.createElement("strong");
          var stepName = step.querySelector(".jm-anchor");
          strong.textContent = stepName ? stepName.textContent : "";
          item.appendChild(strong);
          var moment = step.querySelector(".jm-mot");
          if (moment) { item.appendChild(document.createTextNode(" ")); item.appendChild(copy(moment)); }
          var face = div(faces[i]);
          if (face) item.appendChild(face);
          var touchpoint = div(touchpoints[i]);
          if (touchpoint) {
            // The canvas puts the touchpoint under its channel; the card, beside it.
            var under = touchpoint.querySelector(":scope > div");
            if (under) touchpoint.replaceChild(document.createTextNode(" " + under.textContent), under);
            item.appendChild(touchpoint);
          }
          if (data[i] && data[i].querySelector(".jm-data")) {
            var measured = copy(data[i].querySelector(".jm-data"));
            // No lane heading beside it here: an unnamed metric is named by the lane's name.
            if (!measured.querySelector(":scope > .jm-muted.jm-small") && dataName) {
              var label = document.createElement("span");
              label.className = "jm-muted jm-small";
              label.textContent = dataName;
              measured.insertBefore(label, measured.querySelector("svg"));
              measured.insertBefore(document.createTextNode(" "), label);
            }
            item.appendChild(measured);
          }
          if (pains[i]) children(pains[i], item);
          if (opportunities[i]) children(opportunities[i], item);
          list.appendChild(item);
        });
        first += count;
        card.appendChild(list);
        cards.appendChild(card);
      });
      // Now the phone shows the cards in the canvas's place (journeymaps.css).
      canvas.setAttribute("data-jm-carded", "");
    });
  }

  // A link to a step's anchor lands on the canvas's step column; on a phone, where the canvas
  // is a list of stage cards, it lands on the step's card instead (which names the same anchor).
  function showStepCard() {
    var anchor = decodeURIComponent(window.location.hash.slice(1));
    if (!anchor) return;
    var column = document.getElementById(anchor);
    if (!column || column.getClientRects().length) return;
    var card = Array.prototype.find.call(document.querySelectorAll("[data-step-card]"), function (el) {
      return el.getAttribute("data-step-card") === anchor;
    });
    if (card) card.scrollIntoView();
  }

  // Sharing a map: the "copy link" button of each stage and step heading, the embed snippet
  // under the canvas, and the embed view's lanes. Addresses come from the page's own location,
  // so they are right under a sub-path and without site_url; the buttons stay hidden without
  // JavaScript, and the headings still link to their anchors.
  function setUpSharing() {
    var status = document.querySelector("[data-jm-copy-status]");
    var timer = null;

    // The message shows for a moment under the button that copied, inside the window.
    function say(key, button) {
      if (!status) return;
      // Emptied first, so that a second copy in a row is read out again.
      status.textContent = "";
      window.clearTimeout(timer);
      window.setTimeout(function () {
        status.textContent = status.getAttribute(key) || "";
        var near = button.getBoundingClientRect();
        var half = status.offsetWidth / 2 + 8;
        var centre = Math.min(Math.max(near.left + near.width / 2, half), document.documentElement.clientWidth - half);
        status.style.left = centre + "px";
        status.style.top = Math.min(near.bottom + 8, window.innerHeight - status.offsetHeight - 8) + "px";
      }, 50);
      timer = window.setTimeout(function () { status.textContent = ""; }, 4000);
    }

    // The page's address as a reader would share it: without search highlighting (?h=).
    function pageAddress() {
      var url = new URL(window.location.href);
      url.searchParams.delete("h");
      url.hash = "";
      return url;
    }

    // A "copy link" button beside each stage and step heading of the map page's canvas,
    // labelled from the words the status element carries (in the site's language).
    var canvas = document.querySelector("table[data-jm-copy-links]");
    var labels = document.querySelector("[data-jm-copy-status]");
    var icon = document.querySelector("template[data-jm-copy-icon]");
    if (canvas && labels) {
      Array.prototype.forEach.call(canvas.querySelectorAll("th.jm-stage > a.jm-anchor, th.jm-step > a.jm-anchor"), function (a) {
        var next = a.nextElementSibling;
        if (next && next.classList.contains("jm-copy")) return;
        var kind = a.parentElement.classList.contains("jm-stage") ? "stage" : "step";
        var name = a.textContent;
        var label = (labels.getAttribute("data-jm-copy-" + kind) || "").replace("{name}", function () { return name; });
        var button = document.createElement("button");
        button.type = "button";
        button.className = "jm-copy";
        button.setAttribute("data-jm-copy", a.parentElement.id);
        button.title = label;
        button.setAttribute("aria-label", label);
        if (icon) button.appendChild(icon.content.cloneNode(true));
        a.insertAdjacentElement("afterend", button);
      });
    }

    Array.prototype.forEach.call(document.querySelectorAll("[data-jm-copy]:not([data-jm-ready])"), function (button) {
      button.setAttribute("data-jm-ready", "1");
      button.hidden = false;
      button.addEventListener("click", function () {
        var id = button.getAttribute("data-jm-copy");
        var url = pageAddress();
        url.hash = id;
        copyText(url.href, button).then(function () { say("data-jm-link-copied", button); }, function () {
          history.replaceState(history.state, "", url.href);
          say("data-jm-link-failed", button);
        });
      });
    });

    var snippet = document.querySelector("[data-jm-embed-snippet]:not([data-jm-ready])");
    var link = document.querySelector("[data-jm-embed-link]");
    if (snippet && link) {
      snippet.setAttribute("data-jm-ready", "1");
      var writeSnippet = function () {
        var url = new URL(link.href);
        var lanes = new URLSearchParams(window.location.search).get("lanes");
        url.search = lanes === null ? "" : "lanes=" + lanes;
        snippet.value = snippet.value.replace(/src="[^"]*"/, 'src="' + url.href.replace(/&/g, "&amp;").replace(/"/g, "&quot;") + '"');
      };
      writeSnippet();
      var lanesForm = document.querySelector("form[data-jm-lanes]");
      if (lanesForm) lanesForm.addEventListener("change", writeSnippet);
      snippet.addEventListener("focus", function () { snippet.select(); });
      var copyButton = document.querySelector("[data-jm-copy-snippet]");
      if (copyButton) {
        copyButton.hidden = false;
        copyButton.addEventListener("click", function () {
          copyText(snippet.value, copyButton).then(function () { say("data-jm-code-copied", copyButton); }, function () {
            snippet.focus();
            say("data-jm-code-failed", copyButton);
          });
        });
      }
    }

    // The embed view shows the lanes its address names, and its links open the full map
    // with the same lanes.
    var embed = document.querySelector("[data-jm-embed]");
    var keys = lanesInAddress();
    if (embed && keys !== null) {
      var canvas = embed.querySelector(".jm-canvas");
      if (canvas) showLanes(canvas, keys);
      Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
        a.search = "lanes=" + keys.join(",");
      });
    }
  }

  // The clipboard API needs a secure context (https or localhost); an intranet site served
  // over plain http falls back to the older copy command.
  function copyText(text, returnFocusTo) {
    function legacy() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      document.body.removeChild(area);
      if (returnFocusTo) returnFocusTo.focus();
      return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
    }
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text).catch(legacy);
    return legacy();
  }

  // The one-page summary's print button (the map page's is set up with its lanes).
  function setUpPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-jm-print-page]:not([data-jm-ready])"), function (button) {
      button.setAttribute("data-jm-ready", "1");
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function onPage() {
    setUpPrint();
    drawCharts();
    setUpFilters();
    setUpLanes();
    buildStageCards();
    showStepCard();
    setUpSharing();
  }

  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      // Material's document$ says each page, the first one and each one instant navigation
      // brings. Opened from file:// with the offline plugin and no internet, it may say
      // nothing at all: then the page is set up once it has loaded, and only once.
      var setUp = false;
      window.document$.subscribe(function () {
        if (setUp === "by load") { setUp = true; return; }
        setUp = true;
        onPage();
      });
      window.addEventListener("load", function () {
        if (setUp) return;
        setUp = "by load";
        onPage();
      });
    } else {
      onPage();
    }
  }

  // A page with a chart runs this before Material's own script (site/interactive.py), with
  // plotly.js already there: the chart is drawn at once, and the page set up once Material
  // has defined document$.
  if (window.Plotly) drawCharts();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  window.addEventListener("hashchange", showStepCard);
  // Material picks the palette of the reader's system (prefers-color-scheme) when its own
  // script runs, which on a page with a chart is after the chart was drawn.
  new MutationObserver(rethemeCharts).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
