// Ember status page: plain script, no build step. Reads only the public API (/api/models,
// /api/models/{name}, /api/models/{name}/monitor, predict) with the key the page was opened with
// (?code= for Azure Functions, ?key= for an x-api-key), or renders an embedded report.
(function () {
  'use strict';
  var report = window.EMBER_REPORT || null;
  var params = new URLSearchParams(location.search);
  var code = params.get('code');
  var apiKey = params.get('key');
  var REFRESH_MS = 15000;
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'class') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function api(path, init) {
    var url = new URL(path, location.href);
    if (code) url.searchParams.set('code', code);
    init = init || {};
    var headers = Object.assign({ 'Accept': 'application/json' }, init.headers || {});
    if (code) headers['x-functions-key'] = code;
    if (apiKey) headers['x-api-key'] = apiKey;
    init.headers = headers;
    return fetch(url.toString(), init).then(function (r) {
      return r.text().then(function (t) {
        var body = null;
        try { body = t ? JSON.parse(t) : null; } catch (e) { body = t; }
        if (!r.ok) {
          var detail = body && (body.detail || body.title) || String(t).slice(0, 200);
          throw new Error(path + ': HTTP ' + r.status + (detail ? ' - ' + detail : ''));
        }
        return body;
      });
    });
  }

  function pct(v) { return v === null || v === undefined ? '-' : (v * 100).toFixed(1) + '%'; }
  function num(v, d) { return v === null || v === undefined ? '-' : Number(v).toFixed(d === undefined ? 3 : d); }
  function showError(message) {
    var e = document.getElementById('error');
    e.textContent = message;
    e.hidden = !message;
  }

  // Grouped bars: baseline (grey) and live (orange) share per bin, or one series.
  function barChart(bins, title, subtitle, column) {
    var box = el('div', { 'class': 'chart', 'data-column': column || title }, [el('h4', { text: title }), el('div', { 'class': 'muted', text: subtitle || '' })]);
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 300 120');
    svg.setAttribute('preserveAspectRatio', 'none');
    var max = 0;
    bins.forEach(function (b) { max = Math.max(max, b.expected || 0, b.actual || 0); });
    var n = Math.max(1, bins.length), w = 300 / n, h = 108;
    bins.forEach(function (b, i) {
      [['base', b.expected], ['live', b.actual]].forEach(function (s, j) {
        var v = s[1] || 0, bh = max > 0 ? (v / max) * h : 0;
        var r = document.createElementNS(SVG, 'rect');
        r.setAttribute('class', 'bar ' + s[0]);
        r.setAttribute('x', (i * w + j * w * 0.45 + w * 0.05).toFixed(2));
        r.setAttribute('width', (w * 0.42).toFixed(2));
        r.setAttribute('y', (h - bh).toFixed(2));
        r.setAttribute('height', bh.toFixed(2));
        r.setAttribute('data-value', String(v));
        var t = document.createElementNS(SVG, 'title');
        t.textContent = b.label + ': ' + (s[0] === 'base' ? 'baseline ' : 'live ') + pct(v);
        r.appendChild(t);
        svg.appendChild(r);
      });
    });
    box.appendChild(svg);
    return box;
  }

  function latencyChart(latency) {
    var bins = (latency.histogram || []).map(function (b) {
      return { label: b.low === b.high ? '0 ms' : num(b.low, 2) + '-' + num(b.high, 2) + ' ms', actual: b.count, expected: 0 };
    });
    var box = barChart(bins, 'Latency', 'p50 ' + num(latency.p50, 2) + ' ms, p90 ' + num(latency.p90, 2) + ' ms, p99 ' + num(latency.p99, 2) + ' ms', '__latency');
    Array.prototype.forEach.call(box.querySelectorAll('rect.live'), function (r) { r.setAttribute('class', 'bar latency'); });
    Array.prototype.forEach.call(box.querySelectorAll('rect.base'), function (r) { r.remove(); });
    return box;
  }

  function columnTable(columns) {
    var head = el('tr', {}, ['column', 'kind', 'rows', 'null', 'unseen', 'out of range', 'PSI', 'JS', 'level'].map(function (h) { return el('th', { text: h }); }));
    var rows = columns.map(function (c) {
      return el('tr', { 'data-column': c.name }, [
        el('td', { text: c.name }), el('td', { text: c.kind + (c.detail ? ' (' + c.detail + ')' : '') }), el('td', { text: String(c.rows) }),
        el('td', { text: pct(c.nullRate) }), el('td', { 'class': 'unseen', text: pct(c.unseenRate) }), el('td', { text: pct(c.outOfRangeRate) }),
        el('td', { 'class': 'psi', text: num(c.psi) }), el('td', { text: num(c.jsDistance) }),
        el('td', { 'class': 'level level-' + c.level, text: c.level })]);
    });
    return el('table', {}, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function versionSection(v) {
    var title = 'Version ' + v.version + (v.aliases && v.aliases.length ? ' - ' + v.aliases.join(', ') : '');
    var section = el('section', { 'class': 'version', 'data-version': v.version }, [el('h3', { text: title })]);
    section.appendChild(el('div', { 'class': 'stats' }, [
      el('span', {}, ['requests ', el('b', { 'class': 'requests', text: String(v.requests) })]),
      el('span', {}, ['rows ', el('b', { 'class': 'rows', text: String(v.rows) })]),
      el('span', {}, ['failed ', el('b', { text: String(v.failedRows) })]),
      el('span', {}, ['request rate ', el('b', { text: num(v.requestsPerSecond, 2) + '/s' })]),
      el('span', {}, ['instances ', el('b', { text: String(v.instances) })]),
      el('span', {}, ['window ', el('b', { text: new Date(v.windowStart).toISOString().slice(0, 16) + ' .. ' + new Date(v.windowEnd).toISOString().slice(11, 16) + ' UTC' })]),
      el('span', {}, [v.baselineRows ? 'baseline ' : 'no baseline', v.baselineRows ? el('b', { text: v.baselineRows + ' rows' }) : null])]));
    var charts = el('div', { 'class': 'charts' }, [latencyChart(v.latency || {})]);
    v.inputs.concat(v.outputs).forEach(function (c) {
      if (c.bins && c.bins.length)
        charts.appendChild(barChart(c.bins, c.name, 'PSI ' + num(c.psi) + (c.jsDistance !== null && c.jsDistance !== undefined ? ', JS ' + num(c.jsDistance) : '') + ' - ' + c.level, c.name));
    });
    section.appendChild(charts);
    section.appendChild(el('h4', { text: 'Inputs' }));
    section.appendChild(columnTable(v.inputs));
    section.appendChild(el('h4', { text: 'Outputs' }));
    section.appendChild(columnTable(v.outputs));
    return section;
  }

  function aliasPills(aliases) {
    return el('div', {}, (aliases || []).map(function (a) {
      var text = a.alias + ' -> ' + a.version + (a.canaryVersion ? ' | canary ' + a.canaryVersion + ' ' + (a.canaryWeight || 0) + '%' : '');
      return el('span', { 'class': 'pill alias', text: text });
    }));
  }

  function inputsOf(description) {
    if (!description) return [];
    var list = description.inputs || description.inputSchema || (description.schema && description.schema.inputs) || [];
    return list.filter(function (i) { return i && i.name; });
  }

  function exampleValue(input, monitor) {
    var views = (monitor && monitor.versions) || [];
    for (var i = 0; i < views.length; i++) {
      var c = (views[i].inputs || []).filter(function (x) { return x.name === input.name; })[0];
      var p = c && (c.baseline || c.live);
      if (p && p.top && p.top.length) return p.top[0].value;
      if (p && p.p50 !== null && p.p50 !== undefined) return String(Math.round(p.p50 * 1000) / 1000);
    }
    return '';
  }

  function parseInput(type, text) {
    var t = String(type || '').toLowerCase();
    if (text === '') return null;
    if (t === 'string') return text;
    if (t === 'boolean') return text === 'true' || text === '1';
    if (t.indexOf('vector') === 0 || t.indexOf('array') === 0) return JSON.parse(text);
    var n = Number(text);
    return isNaN(n) ? text : n;
  }

  function tryItForm(name, description, monitor) {
    var inputs = inputsOf(description);
    var box = el('section', { 'class': 'try' }, [el('h3', { text: 'Try it' })]);
    if (!inputs.length) {
      box.appendChild(el('p', { 'class': 'muted', text: 'The API does not describe this model\'s inputs.' }));
      return box;
    }
    var form = el('form', { 'class': 'try-it', 'data-model': name });
    inputs.forEach(function (i) {
      form.appendChild(el('label', {}, [i.name + ' (' + i.type + ')', el('input', { name: i.name, 'data-type': i.type, value: exampleValue(i, monitor) })]));
    });
    form.appendChild(el('button', { type: 'submit', text: 'Predict' }));
    var result = el('pre', { 'class': 'prediction' });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var row = {};
      try {
        Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) { row[input.name] = parseInput(input.getAttribute('data-type'), input.value.trim()); });
      } catch (e) {
        result.textContent = 'Bad input: ' + e.message;
        return;
      }
      result.textContent = '…';
      predict(name, row).then(function (body) {
        result.textContent = JSON.stringify(body, null, 2);
        result.setAttribute('data-ok', 'true');
      }, function (e) { result.textContent = e.message; result.setAttribute('data-ok', 'false'); });
    });
    box.appendChild(form);
    box.appendChild(result);
    return box;
  }

  function predict(name, row) {
    return api('/api/models/' + encodeURIComponent(name) + '/predict', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(row)
    });
  }

  function modelSection(listing, monitor, description) {
    var name = listing.name;
    var section = el('section', { 'class': 'model', 'data-model': name }, [el('h2', { text: name })]);
    if (listing.versions) section.appendChild(el('p', { 'class': 'muted', text: 'versions: ' + listing.versions.join(', ') }));
    section.appendChild(aliasPills((monitor && monitor.aliases) || listing.aliases));
    var versions = (monitor && monitor.versions) || [];
    if (!versions.length) section.appendChild(el('p', { 'class': 'muted', text: 'No traffic observed yet.' }));
    versions.forEach(function (v) { section.appendChild(versionSection(v)); });
    if (!report) section.appendChild(tryItForm(name, description, monitor));
    return section;
  }

  function renderReport() {
    document.getElementById('title').textContent = report.title || 'Ember report';
    document.getElementById('subtitle').textContent = 'Merged monitoring snapshots of all instances.';
    var main = document.getElementById('models');
    main.innerHTML = '';
    main.appendChild(modelSection({ name: report.view.name, aliases: report.view.aliases }, report.view, null));
    document.body.setAttribute('data-ready', 'true');
  }

  var forms = {};
  function refresh() {
    return api('/api/models').then(function (body) {
      var listings = Array.isArray(body) ? body : (body && body.models) || [];
      return Promise.all(listings.map(function (l) {
        var monitor = api('/api/models/' + encodeURIComponent(l.name) + '/monitor').catch(function (e) { return { error: e.message }; });
        // The description (input schema) rarely changes: fetched once per model.
        var description = forms[l.name] ? Promise.resolve(forms[l.name]) :
          api('/api/models/' + encodeURIComponent(l.name)).then(function (d) { forms[l.name] = d; return d; }, function () { return null; });
        return Promise.all([monitor, description]).then(function (r) { return { listing: l, monitor: r[0], description: r[1] }; });
      }));
    }).then(function (models) {
      var main = document.getElementById('models');
      // Keep what the user typed in the try-it forms across refreshes.
      var typed = {};
      Array.prototype.forEach.call(main.querySelectorAll('form.try-it input'), function (i) { typed[i.form.getAttribute('data-model') + '/' + i.name] = i.value; });
      var results = {};
      Array.prototype.forEach.call(main.querySelectorAll('section.model'), function (s) { var p = s.querySelector('pre.prediction'); if (p) results[s.getAttribute('data-model')] = p; });
      main.innerHTML = '';
      if (!models.length) main.appendChild(el('p', { 'class': 'muted', text: 'No models in the store.' }));
      models.forEach(function (m) {
        var s = modelSection(m.listing, m.monitor && !m.monitor.error ? m.monitor : null, m.description);
        if (m.monitor && m.monitor.error) s.appendChild(el('p', { 'class': 'error', text: m.monitor.error }));
        Array.prototype.forEach.call(s.querySelectorAll('form.try-it input'), function (i) {
          var k = m.listing.name + '/' + i.name;
          if (k in typed) i.value = typed[k];
        });
        var old = results[m.listing.name], pre = s.querySelector('pre.prediction');
        if (old && pre) {
          pre.textContent = old.textContent;
          if (old.hasAttribute('data-ok')) pre.setAttribute('data-ok', old.getAttribute('data-ok'));
        }
        main.appendChild(s);
      });
      showError('');
      document.body.setAttribute('data-ready', 'true');
    }).catch(function (e) { showError(e.message); });
  }

  if (report) {
    renderReport();
  } else {
    refresh();
    setInterval(function () {
      // Do not redraw under the user's cursor while a prediction is pending.
      if (!document.querySelector('pre.prediction') || document.querySelector('pre.prediction').textContent !== '…') refresh();
    }, REFRESH_MS);
  }
})();
