/* A function table (#functions, searched by #function-search): search as you type; sorting by any column header comes
 * from pages.js. The overview and the costs page use it. */
(function () {
  'use strict';

  function filter(input, table) {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var text = (row.getAttribute('data-search') || '').toLowerCase();
      row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var table = document.getElementById('functions');
    var input = document.getElementById('function-search');
    if (table && input) {
      input.addEventListener('input', function () { filter(input, table); });
      // a live update brings every row back: the search still applies
      document.addEventListener('lambdalens:updated', function () { filter(input, table); });
    }
  });
})();
