/*
 * Draws every element with a data-cost-chart attribute: {x: [epoch seconds], series: [{label, values, dash}],
 * unit, limit, limitLabel, bars}. The data comes with the page, so there is nothing to fetch. The function table's
 * search and sorting come from overview.js, which the costs page loads too.
 */
(function () {
  'use strict';

  var COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c'];
  var LIMIT_COLOR = '#d62728';

  function draw(element) {
    var chart = JSON.parse(element.getAttribute('data-cost-chart'));
    var data = [chart.x].concat(chart.series.map(function (s) { return s.values; }));
    var points = chart.series.reduce(function (n, s) {
      return n + s.values.filter(function (v) { return v !== null; }).length;
    }, 0);
    element.setAttribute('data-points', String(points));
    if (chart.x.length === 0) {
      var note = document.createElement('div');
      note.className = 'chart-empty';
      note.textContent = 'No cost in this range yet';
      element.replaceChildren(note);
      return;
    }
    var series = [{}].concat(chart.series.map(function (s, i) {
      var line = { label: s.label, stroke: COLORS[i % COLORS.length], width: 2, points: { show: !chart.bars && chart.x.length < 40 } };
      if (s.dash) {
        line.dash = [6, 4];
      }
      if (chart.bars) {
        line.paths = uPlot.paths.bars({ size: [0.8, 40] });
        line.fill = COLORS[i % COLORS.length];
      }
      return line;
    }));
    if (chart.limit !== null && chart.limit !== undefined) {
      data.push(chart.x.map(function () { return chart.limit; }));
      series.push({ label: chart.limitLabel, stroke: LIMIT_COLOR, width: 1, dash: [2, 3], points: { show: false } });
    }
    var plot = new uPlot({
      width: Math.max(element.clientWidth, 200),
      height: 220,
      series: series,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(max * 1.1, 0.01)]; } } },
      axes: [{}, { label: chart.unit, size: 60 }],
      legend: { live: true },
      // a point is a UTC day (costs are summed per UTC day): its label is that day wherever the reader is
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'UTC'); }
    }, data, element);
    element.setAttribute('data-drawn', 'true');
    new ResizeObserver(function () {
      plot.setSize({ width: Math.max(element.clientWidth, 200), height: 220 });
    }).observe(element);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-cost-chart]').forEach(draw);
  });
})();
