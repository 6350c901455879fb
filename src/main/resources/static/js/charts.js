/*
 * Draws every element with a data-chart attribute with uPlot: either its lines, fetched from /api/v1/series/batch (the
 * charts of one [data-chart-group] together), or, with a "source" (an alert's /api/v1/alerts/{id}/signal), the one
 * signal a rule judges, with its threshold as a dashed line, the evaluation range judged last shaded and the alert's
 * changes of state as vertical lines. Periods without data stay gaps: nothing is zero-filled or interpolated. Values
 * read as people read them (3 significant digits, whole numbers from 100 up, the unit), as the pages' tables write
 * them.
 */
(function () {
  'use strict';

  // Distinct, fixed colours: the browser test counts pixels of the first one to prove data was drawn.
  var COLORS = ['#1f77b4', '#d62728', '#ff7f0e', '#2ca02c', '#9467bd'];
  var LIMIT_COLOR = '#7f7f7f';

  // a change of an alert's state, coloured by the state it went to
  var STATE_COLORS = { ALARM: '#b3261e', OK: '#1e7b34', INSUFFICIENT_DATA: '#8a6d3b' };
  var BAND_COLOR = 'rgba(31, 119, 180, 0.08)';

  var SUFFIXES = { '%': '%', percent: '%', ms: ' ms', milliseconds: ' ms', MB: ' MB', megabytes: ' MB', min: ' min' };

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
      requests.push(fetch(batchUrl(part, charts[0]), { headers: { Accept: 'application/json' } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          return response.json();
        }));
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

  function message(element, cssClass, text) {
    var note = document.createElement('div');
    note.className = cssClass;
    note.textContent = text;
    element.replaceChildren(note);
  }

  /* One uPlot in the element, resized with it; marks it drawn for the browser tests. */
  function plot(element, options, data) {
    options.width = Math.max(element.clientWidth, 320);
    options.height = 220;
    options.legend = { live: true };
    var u = new uPlot(options, data, element);
    element.uplot = u; // for the browser tests, which find the threshold line and the marks where uPlot put them
    element.setAttribute('data-drawn', 'true');
    element.setAttribute('data-series', options.series.slice(1).map(function (s) { return s.label; }).join('|'));
    new ResizeObserver(function () {
      u.setSize({ width: Math.max(element.clientWidth, 320), height: 220 });
    }).observe(element);
    return u;
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
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
        return;
      }
      var unit = signal.unit;
      var threshold = signal.threshold;
      var max = Math.max.apply(null, ys.filter(function (v) { return v !== null; }).concat([threshold]));
      var min = Math.min.apply(null, ys.filter(function (v) { return v !== null; }).concat([threshold, 0]));
      var format = function (u, v) { return formatValue(v, unit); };
      plot(element, {
        series: [{}, { label: signal.signal, stroke: COLORS[0], width: 1.5, spanGaps: false, points: { show: false },
          value: format },
        { label: 'Threshold ' + signal.thresholdText,
          stroke: LIMIT_COLOR, width: 1, dash: [6, 4], points: { show: false }, value: format }],
        scales: { x: { time: true }, y: { range: function () { return [min, Math.max(max * 1.1, 1)]; } } },
        axes: [{}, { label: unit, size: 60, values: function (u, ticks) {
          return ticks.map(function (t) { return formatValue(t, unit); });
        } }],
        plugins: [signalMarks(signal)]
      }, [xs, ys, xs.map(function () { return threshold; })]);
    }).catch(function (error) {
      message(element, 'chart-error', 'Could not load this chart: ' + error.message);
      element.setAttribute('data-drawn', 'error');
    });
  }

  function draw(element, chart, answers) {
    try {
      var data = align(answers);
      var points = answers.reduce(function (n, a) { return n + a.points.length; }, 0);
      element.setAttribute('data-points', String(points));
      if (points === 0) {
        message(element, 'chart-empty', 'No data in this range yet');
        return;
      }
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
      plot(element, {
        series: series,
        scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(max * 1.1, 1)]; } } },
        axes: [{}, { label: chart.unit, size: 60 }]
      }, data);
    } catch (error) {
      failed(element, error);
    }
  }

  function failed(element, error) {
    message(element, 'chart-error', 'Could not load this chart: ' + error.message);
    element.setAttribute('data-drawn', 'error');
  }

  // the rule form's live preview draws its signal as the alert page does
  window.LambdaLensCharts = { drawSignal: drawSignal };

  /* Charts inside one [data-chart-group] element (a region of the overview) over one range are fetched together;
     any other chart on its own, still in one request for all its lines. */
  document.addEventListener('DOMContentLoaded', function () {
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
  });
})();
