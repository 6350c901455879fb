/* A function table (#functions, searched by #function-search): search as you type, sort by any column header.
 * The overview and the costs page use it. */
(function () {
  'use strict';

  function setUpSearch(input, table) {
    input.addEventListener('input', function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      table.querySelectorAll('tbody tr').forEach(function (row) {
        var text = (row.getAttribute('data-search') || '').toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  }

  function setUpSorting(table) {
    var headers = Array.from(table.querySelectorAll('th[data-sort]'));
    headers.forEach(function (header, column) {
      header.addEventListener('click', function () {
        var ascending = header.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = header.getAttribute('data-sort') === 'number';
        var body = table.tBodies[0];
        var rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute('data-value') || '';
          var y = b.cells[column].getAttribute('data-value') || '';
          var order = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var table = document.getElementById('functions');
    var input = document.getElementById('function-search');
    if (table && input) {
      setUpSearch(input, table);
      setUpSorting(table);
    }
  });
})();
