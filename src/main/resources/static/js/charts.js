/*
 * Draws every element with a data-chart attribute: fetches its lines from /api/v1/series/batch (the charts of one
 * [data-chart-group] together) and renders them with uPlot.
 * Minutes without data stay gaps: nothing is zero-filled or interpolated.
 */
(function () {
  'use strict';

  // Distinct, fixed colours: the browser test counts pixels of the first one to prove data was drawn.
  var COLORS = ['#1f77b4', '#d62728', '#ff7f0e', '#2ca02c', '#9467bd'];
  var LIMIT_COLOR = '#7f7f7f';

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

  function draw(element, chart, answers) {
    try {
      var data = align(answers);
      var points = answers.reduce(function (n, a) { return n + a.points.length; }, 0);
      element.setAttribute('data-points', String(points));
      if (points === 0) {
        message(element, 'chart-empty', 'No data in this range yet');
        return;
      }
      var series = [{}].concat(chart.lines.map(function (line, i) {
        // the API says what a value is at this step ("highest 1-minute p99" beyond a minute): the legend says so too
        var answer = answers[i];
        var label = (answer.statisticLabel && answer.statisticLabel !== answer.statistic) ? answer.statisticLabel
          : line.label;
        return { label: label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false,
          points: { show: false } };
      }));
      if (chart.limit !== null && chart.limit !== undefined) {
        data.push(data[0].map(function () { return chart.limit; }));
        series.push({ label: chart.limitLabel, stroke: LIMIT_COLOR, width: 1, dash: [6, 4], points: { show: false } });
      }
      var plot = new uPlot({
        width: Math.max(element.clientWidth, 320),
        height: 220,
        series: series,
        scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(max * 1.1, 1)]; } } },
        axes: [{}, { label: chart.unit, size: 60 }],
        legend: { live: true }
      }, data, element);
      element.setAttribute('data-drawn', 'true');
      new ResizeObserver(function () {
        plot.setSize({ width: Math.max(element.clientWidth, 320), height: 220 });
      }).observe(element);
    } catch (error) {
      failed(element, error);
    }
  }

  function failed(element, error) {
    message(element, 'chart-error', 'Could not load this chart: ' + error.message);
    element.setAttribute('data-drawn', 'error');
  }

  /* Charts inside one [data-chart-group] element (a region of the overview) over one range are fetched together;
     any other chart on its own, still in one request for all its lines. */
  document.addEventListener('DOMContentLoaded', function () {
    var groups = new Map();
    document.querySelectorAll('[data-chart]').forEach(function (element) {
      var chart = JSON.parse(element.getAttribute('data-chart'));
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
