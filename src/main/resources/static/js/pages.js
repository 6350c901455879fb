/*
 * What every page shares, loaded by the layout before any page script:
 * - sortable tables (table.sortable th[data-sort]): each header's text becomes a button, so that sorting works from
 *   the keyboard, and the sorted column carries aria-sort;
 * - each table of main in a box that scrolls sideways on its own, so that no page is wider than a phone;
 * - the one time zone of every time (LambdaLens.zone, chosen in the header, remembered in a cookie, UTC by default);
 * - live pages (main[data-live]): they read themselves again a few seconds after new data and update in place,
 *   keeping scroll, zoom, filters, sorting and what is typed, and say when they last did.
 */
(function () {
  'use strict';

  var LL = window.LambdaLens = window.LambdaLens || {};

  /* ---------- one clock ---------- */

  LL.zone = document.documentElement.getAttribute('data-zone') || 'UTC';

  var formats = {};

  function parts(epochSeconds, zone) {
    var key = zone;
    if (!formats[key]) {
      formats[key] = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit',
        day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    }
    var out = {};
    formats[key].formatToParts(new Date(epochSeconds * 1000)).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }

  /* "2026-11-28 12:00" (or "12:00", or with seconds) in the chosen zone, as the server writes its times. */
  LL.formatTime = function (epochSeconds, options) {
    var o = options || {};
    var p = parts(epochSeconds, o.zone || LL.zone);
    var time = p.hour + ':' + p.minute + (o.seconds ? ':' + p.second : '');
    return o.timeOnly ? time : p.year + '-' + p.month + '-' + p.day + ' ' + time;
  };

  function setUpZoneChoice() {
    var select = document.getElementById('zone-choice');
    if (!select) {
      return;
    }
    select.addEventListener('change', function () {
      var zone = (select.value === 'browser') ? Intl.DateTimeFormat().resolvedOptions().timeZone : select.value;
      document.cookie = 'lambdalens-zone=' + zone + '; path=/; max-age=31536000; samesite=lax';
      location.reload();
    });
  }

  /* ---------- sortable tables ---------- */

  function enhanceSortable(root) {
    root.querySelectorAll('table.sortable th[data-sort]').forEach(function (th) {
      if (th.querySelector('button.sort')) {
        return;
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
    });
  }

  function sortRows(table, header, ascending) {
    table.querySelectorAll('th[data-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var numeric = header.getAttribute('data-sort') === 'number';
    var column = header.cellIndex;
    var body = table.tBodies[0];
    var rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column] ? (a.cells[column].getAttribute('data-value') || '') : '';
      var y = b.cells[column] ? (b.cells[column].getAttribute('data-value') || '') : '';
      var order = numeric ? ((parseFloat(x) || 0) - (parseFloat(y) || 0)) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('table.sortable th[data-sort]');
    if (!button) {
      return;
    }
    var header = button;
    var table = header.closest('table');
    sortRows(table, header, header.getAttribute('aria-sort') !== 'ascending');
  });

  /* After a live update the rows come in the server's order: sorted again as the reader left them. */
  function resort(root) {
    root.querySelectorAll('table.sortable th[aria-sort]').forEach(function (header) {
      sortRows(header.closest('table'), header, header.getAttribute('aria-sort') === 'ascending');
    });
  }

  /* ---------- tables that scroll in their box ---------- */

  function tableLabel(table) {
    if (table.caption) {
      return table.caption.textContent.trim();
    }
    if (table.getAttribute('aria-label')) {
      return table.getAttribute('aria-label');
    }
    for (var at = table.previousElementSibling || table.parentElement; at; at = at.previousElementSibling
        || (at.parentElement && at.parentElement.tagName !== 'MAIN' ? at.parentElement : null)) {
      if (/^H[1-4]$/.test(at.tagName)) {
        return at.textContent.replace(/\s+/g, ' ').trim();
      }
    }
    return 'Table';
  }

  function wrapTables(root) {
    root.querySelectorAll('table').forEach(function (table) {
      if (table.closest('.chart, .u-legend, .table-scroll') || table.classList.contains('u-legend')) {
        return;
      }
      var box = table.ownerDocument.createElement('div');
      box.className = 'table-scroll';
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', tableLabel(table));
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  /* A box that scrolls can be scrolled from the keyboard: focusable only while it has something to scroll. */
  function updateScrollFocus() {
    document.querySelectorAll('.table-scroll').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute('tabindex', '0');
      }
      else {
        box.removeAttribute('tabindex');
      }
    });
  }

  function enhance(root) {
    wrapTables(root);
    enhanceSortable(root);
  }

  /* ---------- live pages ---------- */

  var POLL_MS = 5000;
  // samples stored by another instance do not move this instance's version: read the page at least this often
  var AT_LEAST_MS = 60000;

  // what the reader's browser owns inside a live page: left as it is
  var KEEP_ATTRIBUTES = { open: true, tabindex: true, 'aria-sort': true, hidden: true };

  function sameKind(a, b) {
    return a.nodeType === b.nodeType && a.nodeName === b.nodeName
      && (a.nodeType !== 1 || (a.id || '') === (b.id || ''));
  }

  function syncAttributes(from, to) {
    Array.from(to.attributes).forEach(function (attribute) {
      if (from.getAttribute(attribute.name) !== attribute.value && attribute.name !== 'hidden') {
        from.setAttribute(attribute.name, attribute.value);
      }
    });
    Array.from(from.attributes).forEach(function (attribute) {
      if (!to.hasAttribute(attribute.name) && !KEEP_ATTRIBUTES[attribute.name]) {
        from.removeAttribute(attribute.name);
      }
    });
  }

  function morphNode(from, to) {
    if (from.nodeType === 3 || from.nodeType === 8) {
      if (from.nodeValue !== to.nodeValue) {
        from.nodeValue = to.nodeValue;
      }
      return;
    }
    if (from.nodeType !== 1) {
      return;
    }
    if (from.hasAttribute('data-chart') || from.hasAttribute('data-live-keep')) {
      // a chart draws itself (charts.js redraws it from its new definition); the rest is filled in by scripts
      if (from.hasAttribute('data-chart') && from.getAttribute('data-chart') !== to.getAttribute('data-chart')) {
        from.setAttribute('data-chart', to.getAttribute('data-chart'));
      }
      return;
    }
    if (from !== document.activeElement) {
      syncAttributes(from, to);
    }
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(from.nodeName)) {
      return; // what the reader typed or chose stays
    }
    morphChildren(from, to);
  }

  function morphChildren(from, to) {
    var olds = Array.from(from.childNodes);
    var news = Array.from(to.childNodes);
    news.forEach(function (node, i) {
      var old = olds[i];
      if (!old) {
        from.appendChild(document.importNode(node, true));
      }
      else if (!sameKind(old, node)) {
        from.replaceChild(document.importNode(node, true), old);
      }
      else {
        morphNode(old, node);
      }
    });
    for (var i = news.length; i < olds.length; i++) {
      from.removeChild(olds[i]);
    }
  }

  function setUpLive(main) {
    var status = document.getElementById('live-status');
    var version = null;
    var lastRead = Date.now();
    var busy = false;

    function say(text, stale) {
      if (status) {
        status.textContent = text;
        status.classList.toggle('stale', !!stale);
      }
      main.setAttribute('data-updated', String(Date.now()));
    }

    function updated() {
      say('Updated ' + LL.formatTime(Date.now() / 1000, { timeOnly: true, seconds: true }) + ' ' + LL.zone);
    }

    function read() {
      busy = true;
      return fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok || response.redirected) {
            throw new Error(response.redirected ? 'signed out' : 'HTTP ' + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
          if (!next) {
            throw new Error('no page content');
          }
          enhance(next);
          morphChildren(main, next);
          updateScrollFocus();
          resort(main);
          lastRead = Date.now();
          var count = Number(main.getAttribute('data-live-updates') || '0') + 1;
          main.setAttribute('data-live-updates', String(count));
          document.dispatchEvent(new CustomEvent('lambdalens:updated'));
          updated();
        })
        .catch(function (error) {
          say('Not updated since ' + LL.formatTime(lastRead / 1000, { timeOnly: true, seconds: true }) + ' '
            + LL.zone + ' (' + error.message + ')', true);
        })
        .finally(function () { busy = false; });
    }

    function poll() {
      if (document.hidden || busy) {
        return;
      }
      fetch('/live', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok || response.redirected) {
            throw new Error(response.redirected ? 'signed out' : 'HTTP ' + response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          var moved = version !== null && answer.version !== version;
          version = answer.version;
          if (moved || Date.now() - lastRead >= AT_LEAST_MS) {
            return read();
          }
          return null;
        })
        .catch(function (error) {
          say('Not updated since ' + LL.formatTime(lastRead / 1000, { timeOnly: true, seconds: true }) + ' '
            + LL.zone + ' (' + error.message + ')', true);
        });
    }

    updated();
    poll();
    setInterval(poll, POLL_MS);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) {
        poll();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var main = document.querySelector('main');
    if (main) {
      enhance(main);
    }
    updateScrollFocus();
    window.addEventListener('resize', updateScrollFocus);
    setUpZoneChoice();
    var live = document.querySelector('main[data-live]');
    if (live) {
      setUpLive(live);
    }
  });
})();
