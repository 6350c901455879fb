/*
 * Draws every element with a data-chart attribute: fetches each line from /api/v1/series and renders them with uPlot.
 * Minutes without data stay gaps: nothing is zero-filled or interpolated.
 */
(function () {
  'use strict';

  // Distinct, fixed colours: the browser test counts pixels of the first one to prove data was drawn.
  var COLORS = ['#1f77b4', '#d62728', '#ff7f0e', '#2ca02c', '#9467bd'];
  var LIMIT_COLOR = '#7f7f7f';

  function seriesUrl(line, chart) {
    var params = new URLSearchParams({
      metric: line.metric, statistic: line.statistic, region: line.region, account: line.account,
      from: chart.from, to: chart.to
    });
    if (line.function) {
      params.set('function', line.function);
    }
    return '/api/v1/series?' + params.toString();
  }

  function fetchLine(line, chart) {
    return fetch(seriesUrl(line, chart), { headers: { Accept: 'application/json' } }).then(function (response) {
      if (response.status === 404) {
        return { points: [] }; // nothing stored yet for this series
      }
      if (!response.ok) {
        throw new Error(line.label + ': HTTP ' + response.status);
      }
      return response.json();
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

  function draw(element) {
    var chart = JSON.parse(element.getAttribute('data-chart'));
    Promise.all(chart.lines.map(function (line) { return fetchLine(line, chart); })).then(function (answers) {
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
    }).catch(function (error) {
      message(element, 'chart-error', 'Could not load this chart: ' + error.message);
      element.setAttribute('data-drawn', 'error');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-chart]').forEach(draw);
  });
})();
