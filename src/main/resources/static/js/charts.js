/*
 * Draws every element with a data-chart attribute with uPlot: either its lines, fetched from /api/v1/series/batch (the
 * charts of one [data-chart-group] together), or, with a "source" (an alert's /api/v1/alerts/{id}/signal), the one
 * signal a rule judges, with its threshold as a dashed line, the evaluation range judged last shaded and the alert's
 * changes of state as vertical lines. Periods without data stay gaps: nothing is zero-filled or interpolated. Values
 * read as people read them (3 significant digits, whole numbers from 100 up, the unit), as the pages' tables write
 * them.
 *
 * The charts of a page answer together: one crosshair across all of them (uPlot's cursor.sync), a zoom (drag across a
 * chart) that applies to all, lives in the URL (?zoom=from,to in epoch seconds) and has a reset; times in the zone
 * the reader chose (LambdaLens.zone, pages.js); the x axis spans the range asked for, or, where nothing is stored
 * before a point of it, starts there and says "data since"; the periods still filling (chart.settledUntil on) drawn faded under a
 * hatched band; the step and its unit written out; and, for each chart, a sentence and a table of its values as its
 * text alternative. A live page (pages.js) has its charts read again and redrawn in place, keeping the zoom.
 */
(function () {
  'use strict';

  var LL = window.LambdaLens = window.LambdaLens || {};

  // Distinct, fixed colours: the browser test counts pixels of the first one to prove data was drawn.
  var COLORS = ['#1f77b4', '#d62728', '#ff7f0e', '#2ca02c', '#9467bd'];
  var LIMIT_COLOR = '#7f7f7f';

  // a change of an alert's state, coloured by the state it went to
  var STATE_COLORS = { ALARM: '#b3261e', OK: '#1e7b34', INSUFFICIENT_DATA: '#8a6d3b' };
  var BAND_COLOR = 'rgba(31, 119, 180, 0.08)';

  var SUFFIXES = { '%': '%', percent: '%', ms: ' ms', milliseconds: ' ms', MB: ' MB', megabytes: ' MB', min: ' min' };

  var SYNC_KEY = 'lambdalens-page';

  function zone() {
    return LL.zone || 'UTC';
  }

  function time(epochSeconds, timeOnly) {
    return LL.formatTime ? LL.formatTime(epochSeconds, { timeOnly: timeOnly }) : new Date(epochSeconds * 1000)
      .toISOString().slice(timeOnly ? 11 : 0, 16).replace('T', ' ');
  }

  /* The same rounding as the server's (alerting.Readings): 40.3, 0.00123, 12,346, 7. */
  function formatValue(value, unit) {
    if (value === null || value === undefined || !isFinite(value)) {
      return '–';
    }
    var text = Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en-US')
      : String(parseFloat(Number(value).toPrecision(3)));
    return text + (SUFFIXES[unit] || '');
  }

  /* 60 -> "1 min", 3600 -> "1 h", 86400 -> "1 day". */
  function stepText(seconds) {
    if (seconds % 86400 === 0) {
      return (seconds / 86400) + (seconds === 86400 ? ' day' : ' days');
    }
    if (seconds % 3600 === 0) {
      return (seconds / 3600) + ' h';
    }
    return Math.round(seconds / 60) + ' min';
  }

  /* "per step" says nothing: "per 5 min" does. */
  function unitAt(unit, step) {
    return (unit || '').replace('per step', 'per ' + stepText(step));
  }

  function cssColour(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  /* ---------- the page's zoom, shared by its charts and kept in the URL ---------- */

  var zoom = readZoom();
  var drawn = []; // every element holding a uPlot

  function readZoom() {
    var value = new URLSearchParams(location.search).get('zoom');
    var match = value && /^(\d+),(\d+)$/.exec(value);
    if (!match || Number(match[1]) >= Number(match[2])) {
      return null;
    }
    return { min: Number(match[1]), max: Number(match[2]) };
  }

  function writeZoom() {
    var url = new URL(location.href);
    if (zoom) {
      url.searchParams.set('zoom', Math.floor(zoom.min) + ',' + Math.ceil(zoom.max));
    }
    else {
      url.searchParams.delete('zoom');
    }
    history.replaceState(history.state, '', url.toString());
  }

  function xRange(element) {
    if (zoom) {
      return [zoom.min, zoom.max];
    }
    // nothing stored in the first part of the range: drawn from the first point, and the meta says "data since"
    return [element.dataSince || element.rangeFrom, element.rangeTo];
  }

  function applyZoom(next) {
    zoom = next;
    writeZoom();
    drawn.forEach(function (element) {
      var range = xRange(element);
      element.uplot.setScale('x', { min: range[0], max: range[1] });
      updateMeta(element);
    });
  }

  /* Dragging across a chart zooms all of the page's charts to what was selected. */
  function zoomPlugin() {
    return {
      hooks: {
        setSelect: [function (u) {
          if (u.select.width > 4) {
            var min = u.posToVal(u.select.left, 'x');
            var max = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            applyZoom({ min: min, max: max });
          }
        }]
      }
    };
  }

  /* ---------- the period still filling ---------- */

  function incompletePlugin(element) {
    return {
      hooks: {
        draw: [function (u) {
          var from = element.incompleteFrom;
          if (from === null || from === undefined) {
            return;
          }
          var left = Math.max(u.valToPos(from, 'x', true), u.bbox.left);
          var right = Math.min(u.valToPos(element.rangeTo, 'x', true), u.bbox.left + u.bbox.width);
          if (right <= left) {
            return;
          }
          var ctx = u.ctx;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, u.bbox.top, right - left, u.bbox.height);
          ctx.clip();
          // the lines in it faded, then hatched: a value that will still grow, not a fall in traffic
          ctx.globalAlpha = 0.65;
          ctx.fillStyle = cssColour('--card', '#ffffff');
          ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
          ctx.globalAlpha = 1;
          ctx.strokeStyle = cssColour('--muted', '#5a6574');
          ctx.lineWidth = 1;
          ctx.setLineDash([]);
          for (var x = left - u.bbox.height; x < right; x += 6) {
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top + u.bbox.height);
            ctx.lineTo(x + u.bbox.height, u.bbox.top);
            ctx.stroke();
          }
          ctx.restore();
        }]
      }
    };
  }

  /* ---------- drawing ---------- */

  // The most lines one request to /api/v1/series/batch may name.
  var MAX_BATCH = 100;

  function batchUrl(lines, chart) {
    var params = new URLSearchParams({ from: chart.from, to: chart.to });
    lines.forEach(function (line) {
      params.append('line', [line.account || '', line.region, line.function || '', line.metric,
        line.statistic || ''].join(','));
    });
    return '/api/v1/series/batch?' + params.toString();
  }

  /* Every line of the charts given (one range), in as few requests as the batch limit allows: one per region on the
     overview rather than one per line. Resolves to each chart's answers, in its lines' order. */
  function fetchCharts(charts) {
    var lines = [];
    charts.forEach(function (chart) { chart.lines.forEach(function (line) { lines.push(line); }); });
    var requests = [];
    for (var i = 0; i < lines.length; i += MAX_BATCH) {
      var part = lines.slice(i, i + MAX_BATCH);
      requests.push(fetchJson(batchUrl(part, charts[0])));
    }
    return Promise.all(requests).then(function (answers) {
      // a series not stored yet is null: an empty line
      var all = [].concat.apply([], answers.map(function (a) { return a.series; }))
        .map(function (a) { return a || { points: [] }; });
      var at = 0;
      return charts.map(function (chart) {
        var mine = all.slice(at, at + chart.lines.length);
        at += chart.lines.length;
        return mine;
      });
    });
  }

  /* Lines on one shared x axis: the union of their timestamps, null where a line has no point. */
  function align(answers) {
    var stamps = new Set();
    answers.forEach(function (a) { a.points.forEach(function (p) { stamps.add(p[0]); }); });
    var xs = Array.from(stamps).sort(function (a, b) { return a - b; });
    var index = new Map(xs.map(function (x, i) { return [x, i]; }));
    var ys = answers.map(function (a) {
      var column = new Array(xs.length).fill(null);
      a.points.forEach(function (p) { column[index.get(p[0])] = p[1]; });
      return column;
    });
    return [xs].concat(ys);
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
  }

  function parts(element) {
    var card = element.closest('.chart-card') || element.parentElement;
    return {
      card: card,
      meta: card.querySelector('.chart-meta'),
      summary: card.querySelector('.chart-summary'),
      table: card.querySelector('.chart-table'),
      title: (card.querySelector('figcaption') || {}).textContent || 'Chart'
    };
  }

  function message(element, cssClass, text) {
    if (element.uplot) {
      element.uplot.destroy();
      element.uplot = null;
      drawn = drawn.filter(function (e) { return e !== element; });
    }
    var note = document.createElement('div');
    note.className = cssClass;
    note.textContent = text;
    element.replaceChildren(note);
    var p = parts(element);
    if (p.summary) {
      p.summary.textContent = p.title.trim() + ': ' + text + '.';
    }
    if (p.meta) {
      p.meta.replaceChildren();
    }
  }

  function failed(element, error) {
    message(element, 'chart-error', 'Could not load this chart: ' + error.message);
    element.setAttribute('data-drawn', 'error');
  }

  function width(element) {
    return Math.max(element.clientWidth, 200);
  }

  /* One uPlot in the element (or the one there, given new data), resized with it; marks it drawn for the tests. */
  function plot(element, options, data) {
    var shape = options.series.map(function (s) { return s.label; }).join('|');
    if (element.uplot && element.plotShape === shape) {
      element.uplot.setData(data); // the x range comes from xRange: the zoom stays
    }
    else {
      if (element.uplot) {
        element.uplot.destroy();
      }
      else {
        element.replaceChildren();
      }
      options.width = width(element);
      options.height = 220;
      options.legend = { live: true };
      options.tzDate = function (ts) { return uPlot.tzDate(new Date(ts * 1000), zone()); };
      options.cursor = { sync: { key: SYNC_KEY }, drag: { x: true, y: false, setScale: false } };
      options.series[0] = { label: 'Time (' + zone() + ')', value: function (u, v) {
        return (v === null || v === undefined) ? '–' : time(v, false);
      } };
      options.scales.x = { time: true, range: function () { return xRange(element); } };
      var axis = { stroke: cssColour('--fg', '#1d2330'), grid: { stroke: cssColour('--line', '#d9dee5') },
        ticks: { stroke: cssColour('--line', '#d9dee5') } };
      options.axes[0] = Object.assign({}, axis, options.axes[0]);
      options.axes[1] = Object.assign({}, axis, options.axes[1]);
      options.plugins = (options.plugins || []).concat([zoomPlugin(), incompletePlugin(element)]);
      var u = new uPlot(options, data, element);
      element.uplot = u; // for the browser tests, which find the threshold line and the marks where uPlot put them
      element.plotShape = shape;
      if (drawn.indexOf(element) < 0) {
        drawn.push(element);
      }
      if (!element.resizing) {
        element.resizing = new ResizeObserver(function () {
          if (element.uplot) {
            element.uplot.setSize({ width: width(element), height: 220 });
          }
        });
        element.resizing.observe(element);
      }
    }
    element.setAttribute('data-drawn', 'true');
    element.setAttribute('data-series', options.series.slice(1).map(function (s) { return s.label; }).join('|'));
    element.data = data;
    element.labels = options.series.slice(1).map(function (s) { return s.label; });
    element.formats = options.series.slice(1).map(function (s) { return s.value; });
    var canvas = element.querySelector('canvas');
    var p = parts(element);
    if (canvas) {
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', p.title.trim() + ' (chart; its values follow as text and as a table)');
    }
    updateMeta(element);
    describe(element);
    return element.uplot;
  }

  /* The step with its unit, what is still filling, since when data is stored, and the zoom's reset. */
  function updateMeta(element) {
    var meta = parts(element).meta;
    if (!meta) {
      return;
    }
    var items = [];
    function item(text, cls) {
      var span = document.createElement('span');
      span.textContent = text;
      if (cls) {
        span.className = cls;
      }
      items.push(span);
    }
    if (element.step) {
      item('one point per ' + stepText(element.step), 'chart-step');
    }
    if (element.incompleteFrom !== null && element.incompleteFrom !== undefined) {
      item('hatched: ' + time(element.incompleteFrom, true) + ' onwards is still filling', 'chart-incomplete');
    }
    if (element.dataSince) {
      item('data since ' + time(element.dataSince, false) + ' ' + zone(), 'chart-since');
    }
    if (zoom) {
      item('zoomed to ' + time(zoom.min, false) + ' – ' + time(zoom.max, false) + ' ' + zone(), 'chart-zoom');
      var reset = document.createElement('button');
      reset.type = 'button';
      reset.className = 'zoom-reset';
      reset.textContent = 'Reset zoom';
      reset.addEventListener('click', function () { applyZoom(null); });
      items.push(reset);
    }
    meta.replaceChildren.apply(meta, items);
  }

  /* The text alternative: a sentence per chart (each line's latest and highest value, with when) and its table. */
  function describe(element) {
    var p = parts(element);
    var data = element.data;
    var xs = data[0];
    var sentences = element.labels.map(function (label, i) {
      var ys = data[i + 1];
      var latest = null;
      var highest = null;
      for (var j = 0; j < xs.length; j++) {
        if (ys[j] === null || ys[j] === undefined) {
          continue;
        }
        latest = j;
        if (highest === null || ys[j] > ys[highest]) {
          highest = j;
        }
      }
      if (latest === null) {
        return label + ': no data';
      }
      var format = element.formats[i] || function (u, v) { return formatValue(v, ''); };
      if (ys.every(function (v) { return v === ys[latest] || v === null; })) {
        return label + ': ' + format(null, ys[latest]) + ' throughout';
      }
      return label + ': latest ' + format(null, ys[latest]) + ' at ' + time(xs[latest], true) + ', highest '
        + format(null, ys[highest]) + ' at ' + time(xs[highest], true);
    });
    if (p.summary) {
      p.summary.textContent = p.title.trim() + ', times in ' + zone() + '. ' + sentences.join('; ') + '.'
        + marksText(element);
    }
    if (p.table) {
      if (!p.table.listening) {
        p.table.listening = true;
        p.table.addEventListener('toggle', function () {
          if (p.table.open) {
            fillTable(element, p.table);
          }
        });
      }
      if (p.table.open) {
        fillTable(element, p.table);
      }
    }
  }

  function fillTable(element, details) {
    var data = element.data;
    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    ['Time (' + zone() + ')'].concat(element.labels).forEach(function (label, i) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = label;
      if (i > 0) {
        th.className = 'num';
      }
      head.appendChild(th);
    });
    var body = table.createTBody();
    data[0].forEach(function (x, j) {
      var row = body.insertRow();
      row.setAttribute('data-x', String(x));
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = time(x, false);
      row.appendChild(th);
      element.labels.forEach(function (label, i) {
        var cell = row.insertCell();
        cell.className = 'num';
        var format = element.formats[i] || function (u, v) { return formatValue(v, ''); };
        cell.textContent = format(null, data[i + 1][j]);
      });
    });
    var box = document.createElement('div');
    box.className = 'table-scroll';
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', parts(element).title.trim() + ', values');
    box.tabIndex = 0;
    box.appendChild(table);
    var summary = details.querySelector('summary');
    details.replaceChildren(summary, box);
  }

  /* The range of a chart, the period holding its end (still filling) and the first stored point, for its meta. */
  function frame(element, fromIso, toIso, settledIso, fetchedEvery, step, xs, ys) {
    element.rangeFrom = Date.parse(fromIso) / 1000;
    element.rangeTo = Date.parse(toIso) / 1000;
    element.step = step;
    // Periods ending after the settled end may still grow; so may the last minutes of what was stored, when the
    // series were read within their fetch interval (they were read while those minutes were still filling).
    var settled = settledIso ? Date.parse(settledIso) / 1000 : element.rangeTo;
    var filling = null;
    if (step && xs.length > 0) {
      var lastEnd = xs[xs.length - 1] + step;
      var stillFilling = element.rangeTo - settled;
      if (lastEnd > settled - (fetchedEvery || 60)) {
        filling = Math.floor(Math.min(settled, lastEnd - stillFilling) / step) * step;
      }
    }
    element.incompleteFrom = filling;
    element.setAttribute('data-incomplete-from', element.incompleteFrom === null ? '' : String(element.incompleteFrom));
    var first = null;
    for (var j = 0; j < xs.length && first === null; j++) {
      if (ys.some(function (column) { return column[j] !== null && column[j] !== undefined; })) {
        first = xs[j];
      }
    }
    // more than two steps into the range before anything is stored: say since when, rather than fit the axis to it
    element.dataSince = (first !== null && step && first > element.rangeFrom + 2 * step) ? first : null;
    element.setAttribute('data-since', element.dataSince === null ? '' : String(element.dataSince));
  }

  /* The evaluation range as a shaded band behind the line, each change of state as a vertical line over it. */
  function signalMarks(signal) {
    function x(u, at) { return u.valToPos(typeof at === 'number' ? at : Date.parse(at) / 1000, 'x', true); }
    return {
      hooks: {
        drawClear: [function (u) {
          var from = Math.max(x(u, signal.evaluationFrom), u.bbox.left);
          var to = Math.min(x(u, signal.judgedUntil), u.bbox.left + u.bbox.width);
          if (to > from) {
            u.ctx.save();
            u.ctx.fillStyle = BAND_COLOR;
            u.ctx.fillRect(from, u.bbox.top, to - from, u.bbox.height);
            u.ctx.restore();
          }
        }],
        draw: [function (u) {
          signal.changes.forEach(function (change) {
            var at = x(u, change.at);
            if (at < u.bbox.left || at > u.bbox.left + u.bbox.width) {
              return;
            }
            u.ctx.save();
            u.ctx.strokeStyle = STATE_COLORS[change.to] || LIMIT_COLOR;
            u.ctx.lineWidth = 2;
            u.ctx.setLineDash([]); // uPlot leaves the threshold's dash set on the context
            u.ctx.beginPath();
            u.ctx.moveTo(at, u.bbox.top);
            u.ctx.lineTo(at, u.bbox.top + u.bbox.height);
            u.ctx.stroke();
            u.ctx.restore();
          });
        }]
      }
    };
  }

  // a function's deployments and configuration changes: a colour no line uses (--mark: 3:1 against the card in both
  // themes; the browser test looks for the light one)
  var MARK_COLOR = '#8e44ad';

  /* Each change as a labelled vertical line over the lines (element.marks, from chart.marks: epoch seconds, label,
     description); read at each draw, so that a live page's redraw shows a new change. */
  function changeMarks(element) {
    return {
      hooks: {
        draw: [function (u) {
          (element.marks || []).forEach(function (mark) {
            var at = u.valToPos(mark.at, 'x', true);
            if (at < u.bbox.left || at > u.bbox.left + u.bbox.width) {
              return;
            }
            var ctx = u.ctx;
            var ratio = window.devicePixelRatio || 1; // the canvas is in device pixels, as bbox is
            ctx.save();
            ctx.strokeStyle = cssColour('--mark', MARK_COLOR);
            ctx.lineWidth = 2 * ratio;
            ctx.setLineDash([4 * ratio, 3 * ratio]);
            ctx.beginPath();
            ctx.moveTo(at, u.bbox.top);
            ctx.lineTo(at, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.setLineDash([]);
            ctx.font = (11 * ratio) + 'px sans-serif';
            ctx.fillStyle = cssColour('--fg', '#1d2330');
            // the label on the side with room, so that a change near the right edge stays readable
            var text = mark.label;
            var textWidth = ctx.measureText(text).width;
            var x = (at + 4 + textWidth > u.bbox.left + u.bbox.width) ? at - 4 - textWidth : at + 4;
            ctx.fillText(text, x, u.bbox.top + 12 * ratio);
            ctx.restore();
          });
        }]
      }
    };
  }

  /* The marks in words, for the chart's text alternative. */
  function marksText(element) {
    var marks = element.marks || [];
    if (marks.length === 0) {
      return '';
    }
    return ' Marked: ' + marks.map(function (mark) {
      return time(mark.at, false) + ' ' + mark.description;
    }).join('; ') + '.';
  }

  function drawSignal(element, chart) {
    fetchJson(chart.source).then(function (signal) {
      element.signal = signal;
      var xs = signal.points.map(function (p) { return p[0]; });
      var ys = signal.points.map(function (p) { return p[1]; });
      var points = ys.filter(function (v) { return v !== null; }).length;
      element.setAttribute('data-points', String(points));
      element.setAttribute('data-marks', String(signal.changes.length));
      if (points === 0) {
        message(element, 'chart-empty', signal.note || 'No data in this range yet');
        element.setAttribute('data-drawn', 'empty');
        return;
      }
      var unit = signal.unit;
      var threshold = signal.threshold;
      var max = Math.max.apply(null, ys.filter(function (v) { return v !== null; }).concat([threshold]));
      var min = Math.min.apply(null, ys.filter(function (v) { return v !== null; }).concat([threshold, 0]));
      var format = function (u, v) { return formatValue(v, unit); };
      var step = (xs.length > 1) ? xs[1] - xs[0] : null;
      // the signal is judged in whole periods: its range is the periods shown, and none of them is still filling
      element.rangeFrom = xs[0];
      element.rangeTo = xs[xs.length - 1] + (step || 0);
      element.step = step;
      element.incompleteFrom = null;
      element.dataSince = null;
      plot(element, {
        series: [{}, { label: signal.signal, stroke: COLORS[0], width: 1.5, spanGaps: false, points: { show: false },
          value: format },
        { label: 'Threshold ' + signal.thresholdText,
          stroke: LIMIT_COLOR, width: 1, dash: [6, 4], points: { show: false }, value: format }],
        scales: { y: { range: function () { return [min, Math.max(max * 1.1, 1)]; } } },
        axes: [{}, { label: unit, size: 60, values: function (u, ticks) {
          return ticks.map(function (t) { return formatValue(t, unit); });
        } }],
        plugins: [signalMarks(signal)]
      }, [xs, ys, xs.map(function () { return threshold; })]);
    }).catch(function (error) {
      failed(element, error);
    });
  }

  function draw(element, chart, answers) {
    try {
      var data = align(answers);
      var points = answers.reduce(function (n, a) { return n + a.points.length; }, 0);
      element.setAttribute('data-points', String(points));
      if (points === 0) {
        message(element, 'chart-empty', 'No data in this range yet');
        element.setAttribute('data-drawn', 'empty');
        return;
      }
      var step = answers.map(function (a) { return a.step; }).filter(Boolean)[0] || null;
      frame(element, chart.from, chart.to, chart.settledUntil, chart.fetchedEverySeconds, step, data[0],
        data.slice(1));
      var unit = unitAt(chart.unit, step);
      var format = function (u, v) { return formatValue(v, chart.unit); };
      var series = [{}].concat(chart.lines.map(function (line, i) {
        // the API says what a value is at this step ("highest 1-minute p99" beyond a minute): the legend says so too
        var answer = answers[i];
        var label = (answer.statisticLabel && answer.statisticLabel !== answer.statistic) ? answer.statisticLabel
          : line.label;
        return { label: label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false,
          points: { show: false }, value: format };
      }));
      if (chart.limit !== null && chart.limit !== undefined) {
        data.push(data[0].map(function () { return chart.limit; }));
        series.push({ label: chart.limitLabel, stroke: LIMIT_COLOR, width: 1, dash: [6, 4], points: { show: false },
          value: format });
      }
      var marks = (chart.marks || []).filter(function (mark) {
        return mark.at >= element.rangeFrom && mark.at <= element.rangeTo;
      });
      element.marks = marks;
      element.setAttribute('data-marks', String(marks.length));
      plot(element, {
        series: series,
        scales: { y: { range: function (u, min, max) { return [0, Math.max(max * 1.1, 1)]; } } },
        axes: [{}, { label: unit, size: 60 }],
        plugins: [changeMarks(element)]
      }, data);
    } catch (error) {
      failed(element, error);
    }
  }

  // the rule form's live preview draws its signal as the alert page does
  window.LambdaLensCharts = { drawSignal: drawSignal };

  /* Charts inside one [data-chart-group] element (a region of the overview) over one range are fetched together;
     any other chart on its own, still in one request for all its lines. */
  function drawAll() {
    var groups = new Map();
    document.querySelectorAll('[data-chart]').forEach(function (element) {
      var chart = JSON.parse(element.getAttribute('data-chart'));
      if (chart.source) {
        drawSignal(element, chart);
        return;
      }
      var owner = element.closest('[data-chart-group]') || element;
      var byRange = groups.get(owner) || new Map();
      groups.set(owner, byRange);
      var range = chart.from + '/' + chart.to;
      var members = byRange.get(range) || [];
      byRange.set(range, members);
      members.push({ element: element, chart: chart });
    });
    groups.forEach(function (byRange) {
      byRange.forEach(function (members) {
        fetchCharts(members.map(function (m) { return m.chart; })).then(function (answers) {
          members.forEach(function (m, i) { draw(m.element, m.chart, answers[i]); });
        }).catch(function (error) {
          members.forEach(function (m) { failed(m.element, error); });
        });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', drawAll);
  // a live page read itself again: every chart reads its (perhaps moved) range again, in place, keeping the zoom
  document.addEventListener('lambdalens:updated', function () {
    drawn = drawn.filter(function (element) { return element.isConnected; });
    drawAll();
  });
})();
