/* journeymaps: how the form editor reads and writes a map's or a persona's file, for Decap
   CMS (registered as custom formats by journeymaps-editor.js). A value the format takes as
   one text or a list is read as a list, as Decap's list widgets need, and a pain point
   written as plain text as {text}. A save changes only what the author changed in the file
   as it was read: when only values changed, only their text changes and every other byte
   (comments, their spacing, key order, quotes, [a, b] lists) stays; when items were added
   or removed the front matter is written again from the file's own nodes, keeping its
   comments, order and styles. A new file's keys follow the declaration (docs/format.md).
   ``shapes`` is every shape's keys in order with their form, written by the build from
   the format's declaration (site/editor_config.py). */
import * as YAML from "./yaml/index.js";

var SOURCE = "__journeymaps_source"; // the file as read, carried in the entry until saved
// YAML as people write it: no line folding, [a, b] without inner spaces.
var WRITE = { lineWidth: 0, flowCollectionPadding: false };
var FENCE = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

function list(value) {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

/** The two formats, map and persona, for the format's shapes. */
export function formats(shapes) {
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // A document as the editor's widgets want it: lists where the format allows one text.
  function normalize(data, shapeName) {
    var shape = shapes[shapeName];
    if (!isObject(data) || !shape) return data;
    var out = {};
    Object.keys(data).forEach(function (key) {
      var form = shape[key];
      var value = data[key];
      if (form === "list") {
        value = value === null || value === undefined ? value : list(value);
      } else if (isObject(form)) {
        value = value === null || value === undefined ? value : list(value).map(function (item) {
          if (form.strings && typeof item !== "object") return { text: item };
          return normalize(item, form.items);
        });
      }
      out[key] = value;
    });
    return out;
  }

  function empty(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
  }

  // What the author gave: empty fields and untouched switches left out, keys in the order
  // of the declaration (docs/format.md), then any others.
  function tidy(data, shapeName) {
    var shape = shapes[shapeName] || {};
    var out = {};
    var keys = Object.keys(shape).concat(Object.keys(data).filter(function (k) { return !(k in shape); }));
    keys.forEach(function (key) {
      if (!(key in data)) return;
      var value = data[key];
      var form = shape[key];
      if (isObject(form) && Array.isArray(value)) {
        value = value.map(function (item) { return isObject(item) ? tidy(item, form.items) : item; });
      }
      // One text where the format takes one or a list reads as written by hand.
      if (form === "list" && Array.isArray(value) && value.length === 1 && typeof value[0] !== "object") value = value[0];
      if (empty(value) || value === false) return;
      out[key] = value;
    });
    return out;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // Where a new key goes in a mapping already in the file: after the keys the declaration
  // puts before it.
  function insertAt(map, key, value, shapeName, doc) {
    var order = Object.keys(shapes[shapeName] || {});
    var rank = order.indexOf(key);
    var at = map.items.length;
    if (rank >= 0) {
      for (var i = 0; i < map.items.length; i++) {
        var other = order.indexOf(String(map.items[i].key && map.items[i].key.value !== undefined ? map.items[i].key.value : map.items[i].key));
        if (other > rank) { at = i; break; }
      }
    }
    map.items.splice(at, 0, doc.createPair(key, value));
  }

  function childShape(shapeName, key) {
    var form = (shapes[shapeName] || {})[key];
    return isObject(form) ? form.items : null;
  }

  // Texts that the site's reader (YAML 1.1) would take for a yes/no, a null or a number
  // are written in quotes.
  var RISKY = /^(?:y|yes|n|no|on|off|true|false|null|~|[-+]?[\d_]+(?::[0-5]?\d)+(?:\.\d*)?|[-+]?0[0-7_]+|0b[01_]+|[-+]?[\d_]*\.?[\d_]+(?:e[-+]?\d+)?)$/i;

  function quoteRisky(doc) {
    YAML.visit(doc, {
      Scalar: function (key, node) {
        if (typeof node.value === "string" && RISKY.test(node.value) && (!node.type || node.type === "PLAIN")) {
          node.type = "QUOTE_DOUBLE";
        }
      },
    });
  }

  function scalarText(value) {
    var doc = new YAML.Document(value);
    quoteRisky(doc);
    return doc.toString(WRITE).trim();
  }

  // Change the file's nodes only where the value changed. A changed value of its own (an
  // emotion, a name) is also noted as a splice of the file's text, so that when nothing
  // but values changed, every other byte of the file stays as it was.
  function update(doc, node, before, after, shapeName, set, edits) {
    if (same(before, after)) return;
    // A value of one line in place of another: spliced. A text of several lines needs the
    // indentation of its place, which only writing the whole front matter gives it.
    var oneLine = typeof after !== "string" || after.indexOf("\n") < 0;
    if (YAML.isScalar(node) && node.range && oneLine && after !== null && typeof after !== "object" && before !== null && typeof before !== "object") {
      node.value = after;
      edits.splices.push({ start: node.range[0], end: node.range[1], text: scalarText(after) });
      return;
    }
    if (isObject(before) && isObject(after) && YAML.isMap(node)) {
      Object.keys(before).forEach(function (key) {
        if (!(key in after)) { node.delete(key); edits.structural = true; }
      });
      Object.keys(after).forEach(function (key) {
        if (key in before && node.has(key)) {
          update(doc, node.get(key, true), before[key], after[key], childShape(shapeName, key), function (value) {
            node.set(key, value);
          }, edits);
        } else {
          insertAt(node, key, after[key], shapeName, doc);
          edits.structural = true;
        }
      });
      return;
    }
    if (Array.isArray(before) && Array.isArray(after) && before.length <= after.length && YAML.isSeq(node)) {
      // Items changed in place, or added at the end: the items before them keep their form.
      before.forEach(function (item, i) {
        update(doc, node.get(i, true), item, after[i], shapeName, function (value) { node.set(i, value); }, edits);
      });
      after.slice(before.length).forEach(function (item) {
        node.add(doc.createNode(item));
        edits.structural = true;
      });
      return;
    }
    set(doc.createNode(after));
    edits.structural = true;
  }

  function spliced(text, splices) {
    splices.slice().sort(function (a, b) { return b.start - a.start; }).forEach(function (s) {
      text = text.slice(0, s.start) + s.text + text.slice(s.end);
    });
    return text;
  }

  function formatFor(shapeName) {
    return {
      fromFile: function (content) {
        var found = FENCE.exec(content);
        var yaml = found ? found[1] || "" : "";
        var body = found ? content.slice(found[0].length) : content;
        var data = YAML.parse(yaml) || {};
        var out = normalize(isObject(data) ? data : {}, shapeName);
        out.body = body;
        out[SOURCE] = { yaml: yaml, body: body };
        return out;
      },
      toFile: function (data) {
        var source = data[SOURCE];
        var body = typeof data.body === "string" ? data.body : "";
        var fields = {};
        Object.keys(data).forEach(function (k) { if (k !== SOURCE && k !== "body") fields[k] = data[k]; });
        var after = tidy(fields, shapeName);
        var text;
        if (source) {
          var doc = YAML.parseDocument(source.yaml);
          var before = tidy(normalize(doc.toJS() || {}, shapeName), shapeName);
          var edits = { splices: [], structural: false };
          update(doc, doc.contents, before, after, shapeName, function (value) { doc.contents = value; }, edits);
          if (!edits.structural) {
            text = spliced(source.yaml, edits.splices);
          } else {
            quoteRisky(doc);
            text = doc.toString(WRITE);
          }
        } else {
          var fresh = new YAML.Document(after);
          quoteRisky(fresh);
          text = fresh.toString(WRITE);
        }
        if (source && body.trim() === source.body.trim()) body = source.body;
        else if (body && !body.startsWith("\n")) body = "\n" + body;
        return "---\n" + text + "---\n" + body;
      },
    };
  }

  return { map: formatFor("map"), persona: formatFor("persona") };
}
