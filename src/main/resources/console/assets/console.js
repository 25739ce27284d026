// The console's only script (served from this hub; the page policy runs no inline script).
(function () {
  'use strict';
  const token = () => document.querySelector('meta[name="csrf-token"]')?.content;

  // Every htmx request carries the session's CSRF token, as every form does.
  document.addEventListener('htmx:configRequest', e => { e.detail.headers['X-CSRF-Token'] = token(); });

  // "Select all" for the bulk actions of a table.
  document.addEventListener('change', e => {
    if (e.target.matches('input.select-all')) {
      e.target.closest('table').querySelectorAll('tbody input[type=checkbox]:not(:disabled)')
        .forEach(box => { box.checked = e.target.checked; });
    }
  });

  function drawChart(el) {
    fetch(el.dataset.series, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(r => r.ok ? r.json() : Promise.reject(new Error('series: ' + r.status)))
      .then(s => {
        const data = [s.times, s.perMinute, s.p95Seconds];
        const opts = {
          width: Math.max(320, el.clientWidth), height: 280, legend: { live: false },
          scales: { x: { time: true }, rate: { auto: true }, lat: { auto: true } },
          series: [
            {},
            { label: 'Events per minute', scale: 'rate', stroke: '#1f7a8c', fill: 'rgba(31,122,140,0.10)', width: 2 },
            { label: 'Latency p95 (s)', scale: 'lat', stroke: '#c0632b', width: 2, spanGaps: true }
          ],
          axes: [
            { stroke: '#66737f', grid: { stroke: '#eef1f4' } },
            { scale: 'rate', stroke: '#1f7a8c', grid: { stroke: '#eef1f4' }, label: 'events / min' },
            { scale: 'lat', side: 1, stroke: '#c0632b', grid: { show: false }, label: 'p95 latency, s' }
          ]
        };
        el.replaceChildren();
        new uPlot(opts, data, el);
      })
      .catch(() => { el.textContent = 'The chart could not be loaded.'; });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const chart = document.getElementById('flow-chart');
    if (chart && window.uPlot) {
      drawChart(chart);
      setInterval(() => drawChart(chart), 60000);
    }
  });
})();
