/* journeymaps: the form editor's own parts, on top of Decap CMS (admin/index.html loads it
   after decap-cms.js, which waits for it: CMS_MANUAL_INIT).
   - Files are read and written by our own front-matter formats (journeymaps-format.js).
   - The map being edited is drawn in the preview pane as the site draws it (the stage and
     step grid, the emotion curve, the pain points) with the site's own styles, at every
     keystroke; a persona's demographics (any key: value pairs) get a widget of their own.
   The format's shapes, the words, the emotion scale and the channels come from the page,
   written by the build from the format's declaration, in the site's language. */
import { formats } from "./journeymaps-format.js";

{
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var site = JSON.parse(document.getElementById("journeymaps-editor").textContent);
  var words = site.words;
  var low = site.scale[0];
  var high = site.scale[1];
  var neutral = site.neutral;

  // The preview pane is a document of its own (about:srcdoc): the site's styles by their
  // whole address.
  site.styles.forEach(function (href) { CMS.registerPreviewStyle(new URL(href, document.baseURI).href); });
  // The site's styles read Material's palette; the preview pane has no Material, so its
  // light palette is given here.
  CMS.registerPreviewStyle(
    ":root{--md-default-fg-color:rgba(0,0,0,.87);--md-default-fg-color--light:rgba(0,0,0,.54);" +
      "--md-default-fg-color--lighter:rgba(0,0,0,.32);--md-default-bg-color:#fff;" +
      "--md-accent-fg-color--transparent:rgba(83,109,254,.1)}" +
      "body{margin:0;padding:1rem;font-family:system-ui,'Noto Sans CJK SC','Noto Sans SC',sans-serif;" +
      "color:var(--md-default-fg-color);background:var(--md-default-bg-color)}" +
      ".jm-editor-preview h1{font-size:1.5rem;margin:0 0 .3em}.jm-editor-preview .jm-canvas-scroll{overflow-x:auto}" +
      ".md-typeset table.jm-canvas{font-size:.8rem}" +
      // The pane is as narrow as a phone, where the site shows cards instead of the canvas;
      // the author is writing the canvas, so it stays (outweighing the phone rule).
      ".jm-editor-preview .jm-canvas-scroll.jm-canvas-scroll.jm-canvas-scroll{display:block!important}",
    { raw: true }
  );

  function list(value) {
    if (value === undefined || value === null || value === "") return [];
    return Array.isArray(value) ? value : [value];
  }

  function number(value) {
    if (value === undefined || value === null || value === "") return null;
    var n = Number(value);
    return isFinite(n) ? n : null;
  }

  function mood(v) {
    if (v > neutral && v - neutral >= 0.25 * (high - neutral)) return "pos";
    if (v < neutral && neutral - v >= 0.25 * (neutral - low)) return "neg";
    return "neu";
  }

  function signed(v) {
    return v > 0 ? "+" + v : String(v);
  }

  // The curve as the map page draws it (site/curves.py): each point over its step's column.
  function curve(steps) {
    var height = 112;
    var pad = 22;
    var n = Math.max(steps.length, 1);
    function y(v) { return Math.round((pad + ((high - v) / (high - low)) * (height - 2 * pad)) * 10) / 10; }
    var points = [];
    var paths = [];
    var run = [];
    steps.forEach(function (step, i) {
      var v = number(step.emotion);
      if (v === null || v < low || v > high) {
        if (run.length > 1) paths.push(run);
        run = [];
        return;
      }
      run.push([i + 0.5, y(v)]);
      points.push({ step: step, value: v, x: (100 * (i + 0.5)) / n, y: y(v) });
    });
    if (run.length > 1) paths.push(run);
    var lines = paths.map(function (p) {
      var d = "M" + p[0][0] + " " + p[0][1];
      for (var k = 1; k < p.length; k++) {
        var half = (p[k][0] - p[k - 1][0]) / 2;
        d += " C" + (p[k - 1][0] + half) + " " + p[k - 1][1] + " " + (p[k][0] - half) + " " + p[k][1] + " " + p[k][0] + " " + p[k][1];
      }
      return h("path", { key: d, d: d });
    });
    var ny = y(neutral);
    var children = [
      h("line", { key: "neutral", className: "jm-curve__neutral", x1: "0", x2: "100%", y1: ny, y2: ny }),
      h("svg", { key: "line", viewBox: "0 0 " + n + " " + height, preserveAspectRatio: "none", width: "100%", height: "100%" }, lines),
    ];
    points.forEach(function (p, i) {
      if (list(p.step.pain_points).length) {
        children.push(h("text", { key: "pain" + i, className: "jm-curve__pain", x: p.x + "%", y: p.y + 17 }, "▼"));
      }
      children.push(
        h("circle", { key: "point" + i, className: "jm-curve__point jm-mood--" + mood(p.value), cx: p.x + "%", cy: p.y, r: 5, "data-emotion": p.value },
          h("title", null, (p.step.name || "") + ": " + signed(p.value)))
      );
    });
    return h("svg", { className: "jm-curve jm-curve--current", width: "100%", height: height, role: "img", "aria-label": words.emotion_curve }, children);
  }

  function painPoint(item, i) {
    var p = typeof item === "string" ? { text: item } : item || {};
    return h("div", { key: i, className: "jm-pain" },
      h("span", { className: "jm-item-text" }, p.text || ""),
      p.severity ? h("span", { className: "jm-level jm-level--" + p.severity }, " " + (words["level." + p.severity] || p.severity)) : null);
  }

  function MapPreview(data) {
    var stages = list(data.stages).filter(function (s) { return s && typeof s === "object"; });
    var steps = [];
    stages.forEach(function (stage) { list(stage.steps).forEach(function (step) { if (step && typeof step === "object") steps.push(step); }); });
    var title = h("h1", null, data.title || "");
    if (!steps.length) {
      return h("div", { className: "md-typeset jm-editor-preview" }, title, h("p", { className: "jm-muted" }, words["editor.preview_empty"]));
    }
    var n = steps.length;
    var stageRow = [h("th", { key: "lane", scope: "row", className: "jm-lane" }, words.stage)];
    stages.forEach(function (stage, i) {
      var count = list(stage.steps).length;
      if (count) stageRow.push(h("th", { key: i, scope: "colgroup", colSpan: count, className: "jm-stage" }, stage.name || ""));
    });
    var stepRow = [h("th", { key: "lane", scope: "row", className: "jm-lane" }, words.step)];
    var faces = [];
    var pains = [h("th", { key: "lane", scope: "row", className: "jm-lane" }, words.pain_points)];
    steps.forEach(function (step, i) {
      stepRow.push(h("th", { key: i, scope: "col", className: "jm-step" }, step.name || ""));
      var v = number(step.emotion);
      faces.push(h("td", { key: i }, v === null ? h("span", { className: "jm-muted" }, words["editor.preview_no_emotion"]) :
        h("span", { className: "jm-emotion jm-emotion--" + mood(v) }, signed(v)), step.feeling ? h("span", { className: "jm-feeling" }, " " + step.feeling) : null));
      pains.push(h("td", { key: i }, list(step.pain_points).map(painPoint)));
    });
    return h("div", { className: "md-typeset jm-editor-preview", lang: site.language }, title,
      h("div", { className: "jm-canvas-scroll" },
        h("table", { className: "jm-canvas", style: { "--jm-steps": n } },
          h("colgroup", null, h("col", { className: "jm-canvas__lanes" })),
          h("thead", null, h("tr", null, stageRow), h("tr", null, stepRow)),
          h("tbody", { "data-lane": "emotion" },
            h("tr", { className: "jm-curve-row" },
              h("th", { scope: "rowgroup", rowSpan: 2, className: "jm-lane" }, words.emotion_curve),
              h("td", { colSpan: n }, curve(steps))),
            h("tr", null, faces)),
          h("tbody", { "data-lane": "pain-points" }, h("tr", null, pains)))));
  }

  function plain(value) {
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }

  CMS.registerPreviewTemplate("maps", createClass({
    render: function () {
      return MapPreview(plain(this.props.entry.get("data")) || {});
    },
  }));

  // A mapping of texts (a persona's demographics), edited as "key: value" lines.
  function pairsText(value) {
    var data = plain(value) || {};
    if (typeof data !== "object") return String(data);
    return Object.keys(data).map(function (k) { return k + ": " + data[k]; }).join("\n");
  }

  function pairsValue(text) {
    var out = {};
    text.split("\n").forEach(function (line) {
      var at = line.indexOf(":");
      if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    });
    return out;
  }

  var PairsControl = createClass({
    getInitialState: function () { return { text: pairsText(this.props.value) }; },
    handleChange: function (event) {
      this.setState({ text: event.target.value });
      this.props.onChange(pairsValue(event.target.value));
    },
    render: function () {
      return h("textarea", {
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: this.state.text,
        rows: 4,
        placeholder: site.pairs_hint,
        onChange: this.handleChange,
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle,
      });
    },
  });
  var PairsPreview = createClass({
    render: function () { return h("pre", null, pairsText(this.props.value)); },
  });
  CMS.registerWidget("journeymaps-pairs", PairsControl, PairsPreview);

  var ours = formats(site.shapes);
  CMS.registerCustomFormat("journeymaps-map", "md", ours.map);
  CMS.registerCustomFormat("journeymaps-persona", "md", ours.persona);
  CMS.init();
}
