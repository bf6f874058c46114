// The steering committee's page: the convention's envelopes, line by line (planned, reserved,
// committed, paid, remaining, lapsed), as a table and a chart, downloadable as CSV, printable.
import { call, saveBlob } from '../api';
import { byId, h, replace } from '../dom';
import { date, money, showError } from '../fr';
import { start } from '../shell';
import type { EnvelopeLine } from '../views';

const columns: [keyof EnvelopeLine, string][] = [
  ['planned', 'Prévu'], ['reserved', 'Réservé'], ['committed', 'Engagé'], ['disbursed', 'Versé'], ['remaining', 'Disponible'], ['lapsed', 'Caduc'],
];

start({
  role: 'steering',
  who: 'comité de pilotage (clé d’instruction ou d’exploitation)',
  hint: 'local-reviewer-key',
  check: () => call('envelopes'),
  ready: async () => {
    try {
      const { lines } = await call<{ lines: EnvelopeLine[] }>('envelopes');
      render(lines);
    } catch (error) {
      showError(byId('erreurs'), error);
    }
  },
});

function render(lines: EnvelopeLine[]): void {
  const conventions = [...new Map(lines.map((l) => [l.conventionId, l])).values()];
  const csv = h('button', { type: 'button', id: 'telecharger-csv', onclick: () => downloadCsv(lines) }, 'Télécharger les enveloppes (CSV)');
  const print = h('button', { type: 'button', class: 'secondaire', onclick: () => window.print() }, 'Imprimer');
  replace(byId('contenu'),
    h('p', {}, `Situation au ${date(new Date().toISOString())}, en euros.`),
    h('div', { class: 'actions' }, csv, print),
    ...conventions.map((c) => {
      const own = lines.filter((l) => l.conventionId === c.conventionId);
      return h('section', { 'aria-labelledby': `titre-${c.conventionId}` },
        h('h2', { id: `titre-${c.conventionId}` }, c.conventionTitle),
        h('p', {}, `Période du ${date(c.periodStart)} au ${date(c.periodEnd)}${c.closesAt ? ` ; clôture le ${date(c.closesAt)}` : ''}.`),
        table(own),
        chart(own, c.conventionId));
    }));
}

function table(lines: EnvelopeLine[]): HTMLElement {
  return h('table', { class: 'enveloppes' },
    h('caption', {}, 'Consommation des enveloppes'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Ligne'), ...columns.map(([, text]) => h('th', { scope: 'col', class: 'nombre' }, text)),
      h('th', { scope: 'col', class: 'nombre' }, 'Demandes réservées'), h('th', { scope: 'col', class: 'nombre' }, 'Demandes engagées'))),
    h('tbody', {}, ...lines.map((l) => h('tr', { 'data-ligne': `${l.conventionId}/${l.lineId}` },
      h('th', { scope: 'row' }, l.label),
      ...columns.map(([key]) => h('td', { class: 'nombre', 'data-colonne': key }, money(l[key] as number))),
      h('td', { class: 'nombre' }, l.reservedRequests), h('td', { class: 'nombre' }, l.committedRequests)))));
}

const palette = ['#000091', '#6a6af4', '#18753c', '#b34000', '#3a3a3a', '#ce0500'];

/** A grouped bar chart in SVG, each bar labelled; the table above carries the same figures for screen readers. */
function chart(lines: EnvelopeLine[], id: string): Element {
  const ns = 'http://www.w3.org/2000/svg';
  const max = Math.max(1, ...lines.flatMap((l) => columns.map(([key]) => l[key] as number)));
  const barHeight = 16;
  const groupHeight = columns.length * barHeight + 24;
  const width = 720;
  const left = 110;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${lines.length * groupHeight + 10}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `graphe-${id}`);
  svg.setAttribute('width', '100%');
  const title = document.createElementNS(ns, 'title');
  title.id = `graphe-${id}`;
  title.textContent = 'Graphique : prévu, réservé, engagé, versé, disponible et caduc par ligne (mêmes chiffres que le tableau).';
  svg.append(title);
  lines.forEach((line, g) => {
    const y0 = g * groupHeight;
    const heading = document.createElementNS(ns, 'text');
    heading.setAttribute('x', '0');
    heading.setAttribute('y', String(y0 + 12));
    heading.setAttribute('font-weight', '700');
    heading.textContent = line.label;
    svg.append(heading);
    columns.forEach(([key, text], i) => {
      const value = line[key] as number;
      const y = y0 + 18 + i * barHeight;
      const label = document.createElementNS(ns, 'text');
      label.setAttribute('x', '0');
      label.setAttribute('y', String(y + 11));
      label.textContent = text;
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', String(left));
      bar.setAttribute('y', String(y));
      bar.setAttribute('height', String(barHeight - 4));
      bar.setAttribute('width', String(Math.max(1, ((width - left - 140) * value) / max)));
      bar.setAttribute('fill', palette[i]);
      const amount = document.createElementNS(ns, 'text');
      amount.setAttribute('x', String(left + Math.max(1, ((width - left - 140) * value) / max) + 6));
      amount.setAttribute('y', String(y + 11));
      amount.textContent = money(value);
      svg.append(label, bar, amount);
    });
  });
  return h('figure', {}, svg, h('figcaption', { class: 'aide' }, 'Montants par ligne de l’enveloppe.'));
}

function downloadCsv(lines: EnvelopeLine[]): void {
  const header = ['convention', 'ligne', 'libellé', ...columns.map(([key]) => key), 'demandes réservées', 'demandes engagées'];
  const quote = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
  const rows = lines.map((l) => [l.conventionId, l.lineId, l.label, ...columns.map(([key]) => l[key] as number), l.reservedRequests, l.committedRequests].map(quote).join(';'));
  saveBlob(new Blob([`\uFEFF${[header.map(quote).join(';'), ...rows].join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }), 'enveloppes.csv');
}
