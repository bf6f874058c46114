// The steering committee's report (GET /api/reports/{conventionId}) as the page shows it: its
// types, the French words for its enums, and one table per section. Each figure the tests compare
// with the API carries data-chiffre="<where in the JSON>".
import { h } from './dom';
import { date, label, money, statuses } from './fr';

export interface DwellingCounts { plai: number; plus: number; pls: number; li: number; collectiveStructure: number; total: number }
export interface EnvelopeShares { reserved: number; committed: number; disbursed: number; remaining: number; ofPeriod: number }
export interface EnvelopeYear { year: number; reserved: number; committed: number; disbursed: number; released: number; lapsed: number }
export interface EnvelopeLineReport {
  lineId: string; label: string; planned?: number; reserved: number; committed: number; disbursed: number; lapsed?: number; remaining?: number;
  shares?: EnvelopeShares; years: EnvelopeYear[]; fromRequests: { requests: number; reserved: number; committed: number; disbursed: number };
}
export interface AreaRow { key: string; operations: number; dwellings: DwellingCounts; grants: number; loans: number }
export interface RightsRow { key: string; requests: number; planned: number; running: number; expired: number }
export interface PipelineState { state: string; waitingFor: string; requests: number; requested: number; oldestDays: number }
export interface PipelineRequest { requestId: string; landlordId: string; lineId: string; municipality: string; state: string; since: string; ageDays: number; waitingFor: string; requested: number }
export interface LineForecast {
  lineId: string; planned: number; committed: number; elapsedDays: number; remainingDays: number; pacePerDay: number;
  fromPace: number; fromPipeline: number; forecastCommitted: number; forecastLapse: number;
}
export interface AnnexLine { lineId: string; label: string; amounts: number[]; total: number }
export interface SteeringReport {
  conventionId: string; conventionTitle: string; periodStart: string; periodEnd: string; asOf: string; landlordId?: string;
  totals: { requests: number; byStatus: Record<string, number>; requested: number; approved: number; disbursed: number; dwellingsRequested: DwellingCounts };
  envelopes: EnvelopeLineReport[];
  dwellings: { byProduct: { product: string; dwellings: number; share: number }[]; byCommune: AreaRow[]; byDistrict: AreaRow[]; byNpnru: AreaRow[]; total: AreaRow };
  rights: {
    byKind: RightsRow[]; byDuration: RightsRow[]; byLandlord: RightsRow[]; byCommune: RightsRow[]; total: RightsRow;
    expiringWithinAYear: { requestId: string; landlordId: string; municipality: string; count: number; kind: string; endDate: string }[];
  };
  pipeline: { byState: PipelineState[]; requests: PipelineRequest[] };
  forecast: {
    daysToCommitment: number; lines: LineForecast[];
    atRisk: { requestId: string; landlordId: string; lineId: string; state: string; requested: number; expectedCommitment: string; reason: string }[];
  };
  annexes: {
    annexe1: {
      years: number[]; lines: AnnexLine[]; yearTotals: number[]; total: number; dwellings: number;
      productShares: { product: string; percent: number }[]; reservationRights: number; employeeAids: { kind: string; count: number; amount?: number }[];
    };
    annexe2: { lines: AnnexLine[]; total: number; isProvisional: boolean };
  };
}

export const products: Record<string, string> = { Plai: 'PLAI', Plus: 'PLUS', Pls: 'PLS', Li: 'LI', CollectiveStructure: 'Structures collectives' };
export const waiting: Record<string, string> = {
  Services: 'Action Logement Services', Credit: 'Crédits libérés', Committee: 'Comité', Landlord: 'Bailleur', Nobody: 'Personne',
};
export const riskReasons: Record<string, string> = {
  ExpectedAfterPeriodEnd: 'Engagement attendu après la fin de la période',
  WaitingForCredit: 'En attente de crédits libérés',
};
const rightKinds: Record<string, string> = { SingleRight: 'Droit unique', RecurringRight: 'Droit de suite' };

const counts = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const percents = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
export const count = (value: number): string => counts.format(value);
export const percent = (value: number | undefined): string => (value === undefined ? '—' : percents.format(value));

/** A cell: text, or a figure right-aligned, with the JSON path the tests read it by. */
interface Cell { text: string | number; figure?: boolean; path?: string }
const text = (value: string | number | undefined | null): Cell => ({ text: value ?? '—' });
const euros = (value: number | undefined, path?: string): Cell => ({ text: money(value), figure: true, path });
const whole = (value: number, path?: string): Cell => ({ text: count(value), figure: true, path });
const share = (value: number | undefined, path?: string): Cell => ({ text: percent(value), figure: true, path });

/** A table with its caption, column headers and a header cell for each row (its first cell). */
function table(caption: string, columns: string[], rows: Cell[][], id?: string): HTMLElement {
  const numeric = rows[0]?.map((c) => c.figure === true) ?? [];
  const cell = (c: Cell, i: number): HTMLElement => {
    const attributes = { class: c.figure ? 'nombre' : null, 'data-chiffre': c.path ?? null };
    return i === 0 ? h('th', { scope: 'row', ...attributes }, c.text) : h('td', attributes, c.text);
  };
  return h('div', { class: 'tableau' },
    h('table', { id: id ?? null },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...columns.map((c, i) => h('th', { scope: 'col', class: numeric[i] ? 'nombre' : null }, c)))),
      h('tbody', {}, ...(rows.length ? rows.map((r) => h('tr', {}, ...r.map(cell))) : [h('tr', {}, h('td', { colspan: columns.length }, 'Aucune.'))]))));
}

function section(id: string, title: string, ...content: (HTMLElement | null)[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-titre`, class: 'rubrique' }, h('h2', { id: `${id}-titre` }, title), ...content);
}

/** The report's key figures, the ones above every section. */
export function summary(r: SteeringReport): HTMLElement {
  const item = (term: string, value: string, path: string): HTMLElement => h('div', {}, h('dt', {}, term), h('dd', { 'data-chiffre': path }, value));
  return section('synthese', 'Synthèse',
    h('dl', { class: 'chiffres' },
      item('Demandes de la période', count(r.totals.requests), 'totals.requests'),
      item('Montant demandé', money(r.totals.requested), 'totals.requested'),
      item('Montant accordé', money(r.totals.approved), 'totals.approved'),
      item('Montant décaissé', money(r.totals.disbursed), 'totals.disbursed'),
      item('Logements demandés', count(r.totals.dwellingsRequested.total), 'totals.dwellingsRequested.total')),
    table('Demandes par statut', ['Statut', 'Demandes'],
      Object.entries(r.totals.byStatus).map(([state, n]) => [text(label(statuses, state)), whole(n, `totals.byStatus.${state}`)])));
}

export function envelopes(r: SteeringReport, chart: HTMLElement): HTMLElement {
  const lines = r.envelopes;
  return section('enveloppes', 'Enveloppes par ligne',
    r.landlordId ? h('p', { class: 'aide' }, `Chiffres du bailleur ${r.landlordId} seul : le montant des lignes, leur reste et leur caducité ne sont pas les siens.`) : null,
    table('Crédits de chaque ligne et leur part du montant prévu', ['Ligne', 'Prévu', 'Réservé', 'Part réservée', 'Engagé', 'Part engagée', 'Décaissé', 'Part décaissée', 'Reste', 'Part restante', 'Caduc', 'Part de la période'],
      lines.map((l) => {
        const p = `envelopes.${l.lineId}`;
        return [text(l.label), euros(l.planned, `${p}.planned`), euros(l.reserved, `${p}.reserved`), share(l.shares?.reserved),
          euros(l.committed, `${p}.committed`), share(l.shares?.committed, `${p}.shares.committed`), euros(l.disbursed, `${p}.disbursed`), share(l.shares?.disbursed),
          euros(l.remaining, `${p}.remaining`), share(l.shares?.remaining), euros(l.lapsed), share(l.shares?.ofPeriod)];
      }), 'table-enveloppes'),
    table('Mouvements par ligne et par année', ['Ligne et année', 'Réservé', 'Engagé', 'Décaissé', 'Libéré', 'Caduc'],
      lines.flatMap((l) => l.years.map((y) => [text(`${l.label} – ${y.year}`), euros(y.reserved), euros(y.committed, `envelopes.${l.lineId}.years.${y.year}.committed`),
        euros(y.disbursed), euros(y.released), euros(y.lapsed)]))),
    table('Les mêmes crédits additionnés depuis les demandes (contrôle)', ['Ligne', 'Demandes', 'Réservé', 'Engagé', 'Décaissé'],
      lines.map((l) => [text(l.label), whole(l.fromRequests.requests, `envelopes.${l.lineId}.fromRequests.requests`), euros(l.fromRequests.reserved),
        euros(l.fromRequests.committed), euros(l.fromRequests.disbursed)])),
    chart);
}

const areaColumns = ['Opérations', 'PLAI', 'PLUS', 'PLS', 'LI', 'Structures collectives', 'Logements', 'Subventions', 'Prêts'];
function areaRows(rows: AreaRow[], path: string, name: (key: string) => string = (k) => k): Cell[][] {
  return rows.map((a) => [text(name(a.key)), whole(a.operations, `${path}.${a.key}.operations`), whole(a.dwellings.plai), whole(a.dwellings.plus), whole(a.dwellings.pls),
    whole(a.dwellings.li), whole(a.dwellings.collectiveStructure), whole(a.dwellings.total, `${path}.${a.key}.dwellings`), euros(a.grants), euros(a.loans)]);
}

export function dwellings(r: SteeringReport, chart: HTMLElement): HTMLElement {
  const d = r.dwellings;
  return section('logements', 'Opérations et logements financés',
    h('p', {}, 'Demandes accordées et non annulées ; subventions et prêts accordés à part.'),
    table('Logements financés par produit', ['Produit', 'Logements', 'Part'],
      d.byProduct.map((p) => [text(label(products, p.product)), whole(p.dwellings, `dwellings.byProduct.${p.product}.dwellings`), share(p.share)])),
    chart,
    table('Par commune', ['Commune', ...areaColumns], areaRows(d.byCommune, 'dwellings.byCommune')),
    table('Par quartier prioritaire de la politique de la ville (QPV)', ['Quartier', ...areaColumns], areaRows(d.byDistrict, 'dwellings.byDistrict')),
    table('Renouvellement urbain (NPNRU)', ['NPNRU', ...areaColumns], areaRows(d.byNpnru, 'dwellings.byNpnru')),
    table('Total', ['Ensemble', ...areaColumns], areaRows([d.total], 'dwellings.total', () => 'Toutes les opérations')));
}

export function rights(r: SteeringReport): HTMLElement {
  const x = r.rights;
  const rows = (group: RightsRow[], name: (key: string) => string): Cell[][] =>
    group.map((g) => [text(name(g.key)), whole(g.requests), whole(g.planned), whole(g.running), whole(g.expired)]);
  const columns = ['Demandes', 'Prévus', 'En cours', 'Échus'];
  return section('droits', 'Droits de réservation',
    table('Par type de droit', ['Type', ...columns], rows(x.byKind, (k) => label(rightKinds, k))),
    table('Par durée', ['Durée', ...columns], rows(x.byDuration, (k) => `${Number(k)} ans`)),
    table('Par bailleur', ['Bailleur (SIREN)', ...columns], rows(x.byLandlord, (k) => k)),
    table('Par commune', ['Commune', ...columns], rows(x.byCommune, (k) => k)),
    table('Total', ['Ensemble', ...columns], [[text('Tous les droits'), whole(x.total.requests), whole(x.total.planned, 'rights.total.planned'),
      whole(x.total.running, 'rights.total.running'), whole(x.total.expired)]]),
    table('Droits en cours arrivant à échéance dans l’année', ['Demande', 'Bailleur', 'Commune', 'Droits', 'Type', 'Fin'],
      x.expiringWithinAYear.map((e) => [text(e.requestId), text(e.landlordId), text(e.municipality), whole(e.count), text(label(rightKinds, e.kind)), text(date(e.endDate))]),
      'table-echeances'));
}

export function pipeline(r: SteeringReport, chart: HTMLElement): HTMLElement {
  const p = r.pipeline;
  return section('instruction', 'Demandes en cours',
    table('Par état : nombre, montant, attente et plus grande ancienneté', ['État', 'En attente de', 'Demandes', 'Montant demandé', 'Plus ancienne (jours)'],
      p.byState.map((s) => [text(label(statuses, s.state)), text(label(waiting, s.waitingFor)), whole(s.requests, `pipeline.byState.${s.state}.requests`),
        euros(s.requested, `pipeline.byState.${s.state}.requested`), whole(s.oldestDays)])),
    chart,
    table('Chaque demande, la plus ancienne dans son état d’abord', ['Demande', 'Bailleur', 'Ligne', 'Commune', 'État', 'Depuis', 'Âge (jours)', 'En attente de', 'Montant demandé'],
      p.requests.map((q) => [text(q.requestId), text(q.landlordId), text(q.lineId), text(q.municipality), text(label(statuses, q.state)), text(date(q.since)),
        whole(q.ageDays, `pipeline.requests.${q.requestId}.ageDays`), text(label(waiting, q.waitingFor)), euros(q.requested)]), 'table-instruction'));
}

export function forecast(r: SteeringReport): HTMLElement {
  const f = r.forecast;
  return section('prevision', 'Prévision à la fin de la période',
    h('p', {}, 'Délai médian entre dépôt et accord : ', h('strong', { 'data-chiffre': 'forecast.daysToCommitment' }, `${count(f.daysToCommitment)} jours`),
      '. Les crédits non engagés à la fin de la période ne sont pas redéployés.'),
    table('Chaque ligne à la fin de la période', ['Ligne', 'Prévu', 'Engagé', 'Jours écoulés', 'Jours restants', 'Rythme par jour', 'Apport au rythme actuel',
      'Apport des demandes en cours', 'Engagé prévu', 'Caducité prévue'],
    f.lines.map((l) => [text(l.lineId), euros(l.planned), euros(l.committed), whole(l.elapsedDays), whole(l.remainingDays), euros(l.pacePerDay), euros(l.fromPace),
      euros(l.fromPipeline), euros(l.forecastCommitted, `forecast.lines.${l.lineId}.forecastCommitted`), euros(l.forecastLapse, `forecast.lines.${l.lineId}.forecastLapse`)])),
    table('Demandes risquant la caducité', ['Demande', 'Bailleur', 'Ligne', 'État', 'Montant demandé', 'Engagement attendu', 'Motif'],
      f.atRisk.map((a) => [text(a.requestId), text(a.landlordId), text(a.lineId), text(label(statuses, a.state)), euros(a.requested),
        text(date(a.expectedCommitment)), text(label(riskReasons, a.reason))]), 'table-risques'));
}

export function annexes(r: SteeringReport): HTMLElement {
  const one = r.annexes.annexe1;
  const two = r.annexes.annexe2;
  return section('annexes', 'Annexes de l’avenant 2020-2022',
    table('Annexe 1 : concours financiers mobilisés 2017-2019', ['Ligne', ...one.years.map((y) => `Année ${y}`), 'Total 2017-2019'],
      [...one.lines.map((l) => [text(l.label), ...l.amounts.map((a) => euros(a)), euros(l.total)]),
        [text('Total général'), ...one.yearTotals.map((a) => euros(a)), euros(one.total, 'annexes.annexe1.total')]]),
    table('Annexe 1 : production de logements et aides aux salariés 2017-2019', ['Indicateur', 'Nombre', 'Montant'],
      [[text('Logements financés'), whole(one.dwellings, 'annexes.annexe1.dwellings'), text('—')],
        ...one.productShares.map((s) => [text(`Part ${label(products, s.product)}`), { text: `${s.percent} %`, figure: true }, text('—')]),
        [text('Droits de réservation'), whole(one.reservationRights), text('—')],
        ...one.employeeAids.map((a) => [text(a.kind), whole(a.count), euros(a.amount)])]),
    table(two.isProvisional ? 'Annexe 2 : concours financiers prévisionnels 2020-2022' : 'Annexe 2 : concours financiers 2020-2022', ['Ligne', 'Total 2020-2022'],
      [...two.lines.map((l) => [text(l.label), euros(l.total)]), [text('Total général'), euros(two.total, 'annexes.annexe2.total')]]),
    two.isProvisional ? h('p', { class: 'aide' }, 'Montants prévisionnels, sous réserve des directives et des budgets d’Action Logement.') : null);
}
