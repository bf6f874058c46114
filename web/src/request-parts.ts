// Parts of a request's page shared by the landlord's and the reviewer's pages.
import { h } from './dom';
import { actions, date, label, money, operationKinds, rightKinds, rightStatuses, statuses, trancheMilestones, fundingKinds, outcomes, documentKinds } from './fr';
import { requestedTotal, type RequestView, type SupportingDocument } from './views';

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: 'statut', 'data-statut': status }, label(statuses, status));
}

export function summary(view: RequestView): HTMLElement {
  const op = view.request.operation ?? {};
  const dwellings = op.dwellings ?? {};
  const total = ['plai', 'plus', 'pls', 'li', 'collectiveStructure'].reduce((s, k) => s + (dwellings[k] ?? 0), 0);
  return h('table', {},
    h('caption', {}, 'La demande'),
    h('tbody', {},
      row('Numéro', view.requestId),
      row('Bailleur', `${view.request.landlord?.name ?? '—'} (SIREN ${view.landlordId})`),
      row('Opération', `${op.name ?? '—'} – ${label(operationKinds, op.kind)}`),
      row('Commune', `${op.municipality ?? '—'}${op.district ? `, quartier ${op.district}` : ''}${op.isNpnru ? ' (NPNRU)' : ''}`),
      row('Logements', `${total} (PLAI ${dwellings.plai ?? 0}, PLUS ${dwellings.plus ?? 0}, PLS ${dwellings.pls ?? 0}, LI ${dwellings.li ?? 0})`),
      row('Coût total HT', money(op.totalCostExcludingTax)),
      row('Financements demandés', (view.request.requestedLines ?? []).map((l) => `${label(fundingKinds, l.kind)} ${money(l.amount)}${l.loanDurationYears ? ` sur ${l.loanDurationYears} ans` : ''}`).join(' ; ')),
      row('Total demandé', money(requestedTotal(view))),
      row('Convention', `${view.request.conventionId ?? '—'}, ligne ${view.request.envelopeLineId ?? '—'}`),
      row('Déposée le', date(view.submittedAt)),
      row('Statut', statusBadge(view.status))));
}

export function decisionPart(view: RequestView): HTMLElement | null {
  const d = view.decision;
  if (!d) return null;
  return h('section', { 'aria-labelledby': 'titre-decision' },
    h('h3', { id: 'titre-decision' }, 'Décision du comité'),
    h('table', {}, h('tbody', {},
      row('Décision', `${label(outcomes, d.outcome)}${d.isReducedApproval ? ' (montant réduit)' : ''}`),
      row('Montant accordé', money(d.approvedAmount)),
      d.reason ? row('Motif', d.reason) : null,
      d.conditions.length ? row('Conditions', d.conditions.join(' ; ')) : null,
      row('Décidée le', `${date(d.decidedOn)} par ${d.reviewer}`))));
}

export function tranchesPart(view: RequestView): HTMLElement | null {
  if (!view.tranches.length) return null;
  return h('table', { id: 'tranches' },
    h('caption', {}, 'Tranches de versement'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'N°'), h('th', { scope: 'col' }, 'Pièce qui la déclenche'), h('th', { scope: 'col', class: 'nombre' }, 'Montant'), h('th', { scope: 'col', class: 'nombre' }, 'Versé'), h('th', { scope: 'col' }, 'Versée le'))),
    h('tbody', {}, ...view.tranches.map((t) => h('tr', { 'data-tranche': t.number },
      h('td', {}, t.number), h('td', {}, label(trancheMilestones, t.milestone)), h('td', { class: 'nombre' }, money(t.amount)),
      h('td', { class: 'nombre' }, money(t.paid)), h('td', {}, t.paidOn ? date(t.paidOn) : 'non versée')))));
}

export function rightsPart(view: RequestView): HTMLElement | null {
  const r = view.reservationRights;
  if (!r) return null;
  return h('p', { id: 'droits-demande' }, `Droits de réservation : ${r.count} (${label(rightKinds, r.kind).toLowerCase()}) sur ${r.durationYears} ans, ${label(rightStatuses, r.status).toLowerCase()}${r.startDate ? ` du ${date(r.startDate)} au ${date(r.endDate)}` : ''}.`);
}

export function timelinePart(view: RequestView): HTMLElement {
  return h('section', { 'aria-labelledby': 'titre-chronologie' },
    h('h3', { id: 'titre-chronologie' }, 'Chronologie'),
    h('ol', { class: 'chronologie' }, ...view.timeline.map((e) => h('li', {},
      h('time', { datetime: e.at }, date(e.at)), ' – ', h('strong', {}, label(actions, e.action)), ` (${e.actor})`,
      e.details ? h('span', { class: 'detail', lang: 'en' }, ` ${e.details}`) : null))));
}

export function documentsTable(documents: SupportingDocument[], onDownload: (d: SupportingDocument) => void): HTMLElement {
  if (!documents.length) return h('p', {}, 'Aucune pièce jointe.');
  return h('table', { id: 'pieces' },
    h('caption', {}, 'Pièces jointes'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Pièce'), h('th', { scope: 'col' }, 'Fichier'), h('th', { scope: 'col', class: 'nombre' }, 'Taille'), h('th', { scope: 'col' }, 'Déposée le'))),
    h('tbody', {}, ...documents.map((d) => h('tr', {},
      h('td', {}, label(documentKinds, d.kind)),
      h('td', {}, h('button', { type: 'button', class: 'secondaire', onclick: () => onDownload(d) }, `Télécharger ${d.fileName}`)),
      h('td', { class: 'nombre' }, `${Math.max(1, Math.round(d.size / 1024))} Ko`),
      h('td', {}, date(d.uploadedAt))))));
}

function row(name: string, value: string | Node): HTMLElement {
  return h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, value));
}
