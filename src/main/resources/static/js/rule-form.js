/* The rule form (#rule-form): offers only what fits the choices made so far. The metric and statistic show for a
 * metric signal only, a metric offers the statistics collected for it, and the function, pattern or tag field shows
 * for a scope that needs one (with the inventory's function names to search while typing). The server checks all of
 * it again: without this script the form still works, it only offers more. */
(function () {
  'use strict';

  function setUp(form) {
    var signal = form.querySelector('select[name=signal]');
    var metric = form.querySelector('select[name=metric]');
    var statistic = form.querySelector('select[name=statistic]');
    var scope = form.querySelector('select[name=scope]');
    var scopeValue = form.querySelector('input[name=scopeValue]');
    var metricOnly = form.querySelector('.metric-only');
    var scopeLabel = form.querySelector('label.scope-value');

    function showMetric() {
      var isMetric = signal.value === 'METRIC';
      metricOnly.hidden = !isMetric;
      // a derived signal names no metric: what the hidden choices hold is not sent
      metric.disabled = !isMetric || signal.disabled;
      statistic.disabled = !isMetric || signal.disabled;
    }

    function offerStatistics() {
      var chosen = metric.options[metric.selectedIndex];
      var collected = chosen ? (chosen.getAttribute('data-statistics') || '').split(',') : [];
      var selectedFits = false;
      Array.from(statistic.options).forEach(function (option) {
        var fits = collected.indexOf(option.value) >= 0;
        option.hidden = !fits;
        option.disabled = !fits;
        if (fits && option.selected) { selectedFits = true; }
      });
      if (!selectedFits) {
        var first = Array.from(statistic.options).find(function (o) { return !o.disabled; });
        if (first) { first.selected = true; }
      }
    }

    function showScopeValue() {
      var needsValue = scope.value !== 'ALL';
      scopeLabel.hidden = !needsValue && scopeValue.value === '';
      if (scope.value === 'FUNCTION' || scope.value === 'NAME_PATTERN') {
        scopeValue.setAttribute('list', 'function-names');
      } else {
        scopeValue.removeAttribute('list');
      }
      scopeValue.placeholder = { FUNCTION: 'type to search the functions', NAME_PATTERN: 'orders-*',
        TAG: 'team=payments', ALL: '' }[scope.value] || '';
    }

    var preview = document.getElementById('rule-preview');
    var summary = document.getElementById('rule-preview-summary');
    var pending = null;

    /* The rule as typed so far, judged by the server over the last day and drawn as the alert page draws an alert's
     * signal (threshold dashed, each change of state it would have had as a vertical line); the summary in words. */
    function showPreview() {
      if (!preview || !window.LambdaLensCharts) { return; }
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (name !== '_csrf' && name.charAt(0) !== '_') { params.append(name, value); }
      });
      if (preview.uplot) { preview.uplot.destroy(); preview.uplot = null; }
      preview.signal = null;
      preview.removeAttribute('data-drawn');
      preview.removeAttribute('data-points');
      window.LambdaLensCharts.drawSignal(preview, { source: preview.getAttribute('data-preview') + '?' + params });
    }

    if (preview) {
      new MutationObserver(function () {
        var view = preview.signal;
        if (view) {
          summary.textContent = view.note || view.summary || '';
          preview.setAttribute('data-alarming', String(view.alarmingTargets));
        }
      }).observe(preview, { attributes: true, attributeFilter: ['data-points'] });
    }

    function previewSoon() {
      clearTimeout(pending);
      pending = setTimeout(showPreview, 500);
    }

    form.addEventListener('change', previewSoon);
    form.addEventListener('input', previewSoon);
    signal.addEventListener('change', showMetric);
    metric.addEventListener('change', offerStatistics);
    scope.addEventListener('change', showScopeValue);
    showMetric();
    offerStatistics();
    showScopeValue();
    showPreview();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('rule-form');
    if (form) { setUp(form); }
  });
})();
