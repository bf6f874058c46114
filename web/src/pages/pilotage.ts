// The steering committee's page: a convention period's report (GET /api/reports/{conventionId}) as
// of a chosen day, for every landlord or one: its sections as tables, the API's charts as images,
// each table as CSV and the whole as a workbook to download, printable.
import { ApiError, apiUrl, call, download, fetchFile } from '../api';
import { announce, busy, byId, field, h, input, replace, select } from '../dom';
import { clearFieldErrors, date, label, money, showError, showFieldErrors, statuses } from '../fr';
import * as report from '../report';
import type { SteeringReport } from '../report';
import { start } from '../shell';
import type { EnvelopeLine } from '../views';

interface Period { id: string; title: string; start: string; end: string }
interface Choice { conventionId: string; asOf: string; landlordId: string }

/** The report's tables as the API names them (csv/{table}), with what people read. */
const tables: [string, string][] = [
  ['enveloppes', 'Enveloppes par ligne'],
  ['enveloppes-annees', 'Mouvements par ligne et par année'],
  ['logements-produits', 'Logements financés par produit'],
  ['logements', 'Opérations et logements (communes, QPV, NPNRU)'],
  ['droits', 'Droits de réservation'],
  ['droits-echeance', 'Droits arrivant à échéance dans l’année'],
  ['instruction-etats', 'Demandes en cours par état'],
  ['instruction', 'Demandes en cours'],
  ['prevision', 'Prévision par ligne'],
  ['prevision-risques', 'Demandes risquant la caducité'],
  ['annexe-1', 'Annexe 1 : concours mobilisés 2017-2019'],
  ['annexe-1-production', 'Annexe 1 : production et aides aux salariés'],
  ['annexe-2', 'Annexe 2 : concours 2020-2022'],
];

let periods: Period[] = [];
let shown: SteeringReport | null = null;

start({
  role: 'steering',
  who: 'comité de pilotage (clé de pilotage, d’instruction ou d’exploitation)',
  hint: 'local-steering-key',
  check: async () => {
    const { lines } = await call<{ lines: EnvelopeLine[] }>('envelopes');
    periods = [...new Map(lines.map((l) => [l.conventionId, { id: l.conventionId, title: l.conventionTitle, start: l.periodStart, end: l.periodEnd }])).values()];
    shown = await call<SteeringReport>(reportPath({ conventionId: currentPeriod().id, asOf: '', landlordId: '' }));
    if (shown.landlordId) {
      throw new ApiError({ status: 403, detail: 'This is a landlord’s key: the steering page needs the steering committee’s, a reviewer’s or an operator’s key.' });
    }
  },
  ready: () => {
    replace(byId('contenu'), chooser(), h('div', { id: 'rapport' }));
    if (shown) show(shown);
  },
});

const today = (): string => new Date().toISOString().slice(0, 10);

/** The period under way today, else the last one begun, else the first. */
function currentPeriod(): Period {
  const now = today();
  return periods.find((p) => p.start <= now && now <= p.end) ?? [...periods].reverse().find((p) => p.start <= now) ?? periods[0];
}

/** The report's address under the API, or one of its parts' (part: '/xlsx', '/csv/{table}', '/charts/{chart}'). */
function reportPath(choice: Choice, part = '', extra: Record<string, string> = {}): string {
  const parameters = new URLSearchParams(extra);
  if (choice.asOf) parameters.set('asOf', choice.asOf);
  if (choice.landlordId) parameters.set('landlordId', choice.landlordId);
  const text = parameters.toString();
  return `reports/${encodeURIComponent(choice.conventionId)}${part}${text ? `?${text}` : ''}`;
}

/** The period, the day and the landlord the report is for. */
function chooser(): HTMLElement {
  const period = select(periods.map((p) => [p.id, `${p.title} (${date(p.start)} – ${date(p.end)})`]));
  const asOf = input({ type: 'date' });
  const landlord = input({ inputmode: 'numeric', autocomplete: 'off', maxlength: 9 });
  const limits = (): void => {
    const p = periods.find((x) => x.id === period.value) ?? currentPeriod();
    asOf.min = p.start;
    asOf.max = p.end < today() ? p.end : today();
  };
  period.addEventListener('change', () => {
    asOf.value = '';
    limits();
  });
  const summary = h('div', { class: 'alerte', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit' }, 'Afficher le rapport');
  const form = h('form', { id: 'form-rapport', novalidate: true },
    summary,
    h('div', { class: 'grille' },
      field('f-conventionId', 'Période de la convention', period),
      field('f-asOf', 'Situation au', asOf, 'Du premier jour de la période à aujourd’hui. Vide : aujourd’hui, ou le dernier jour d’une période terminée.'),
      field('f-landlordId', 'Bailleur (SIREN, facultatif)', landlord, 'Les 9 chiffres du SIREN pour les chiffres d’un seul bailleur ; vide : tous les bailleurs.')),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form, summary);
    byId('erreurs').hidden = true;
    const choice = { conventionId: period.value, asOf: asOf.value, landlordId: landlord.value.trim() };
    void busy(button, async () => {
      try {
        show(await call<SteeringReport>(reportPath(choice)));
      } catch (error) {
        if (error instanceof ApiError && error.problem.status === 400) showFieldErrors(form, summary, error.problem);
        else showError(byId('erreurs'), error);
      }
    });
  });
  if (shown) {
    period.value = shown.conventionId;
    limits();
    asOf.value = shown.asOf;
  }
  return h('section', { id: 'choix', 'aria-labelledby': 'choix-titre' }, h('h2', { id: 'choix-titre' }, 'Rapport à afficher'), form);
}

function show(r: SteeringReport): void {
  shown = r;
  const choice: Choice = { conventionId: r.conventionId, asOf: r.asOf, landlordId: r.landlordId ?? '' };
  const asOf = document.querySelector<HTMLInputElement>('#f-asOf');
  if (asOf) asOf.value = r.asOf;
  replace(byId('rapport'),
    h('h2', { id: 'rapport-titre' }, r.conventionTitle),
    h('p', { id: 'situation' }, `Période du ${date(r.periodStart)} au ${date(r.periodEnd)}, situation au ${date(r.asOf)}`,
      r.landlordId ? `, chiffres du bailleur ${r.landlordId}` : ', tous les bailleurs', '. Montants en euros.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondaire', onclick: () => window.print() }, 'Imprimer le rapport')),
    downloads(choice),
    report.summary(r),
    report.envelopes(r, chart(choice, 'consumption', 'Consommation des enveloppes sur la période', consumptionText(r))),
    report.dwellings(r, chart(choice, 'products', 'Logements financés par produit', productsText(r))),
    report.rights(r),
    report.pipeline(r, chart(choice, 'pipeline', 'Demandes en cours par état', pipelineText(r))),
    report.forecast(r),
    report.annexes(r));
  announce(`Rapport affiché : situation au ${date(r.asOf)}.`);
}

/** Links to each table as CSV and to the workbook: their href is the API's address, a click fetches them with the key. */
function downloads(choice: Choice): HTMLElement {
  const link = (part: string, text: string, name: string, id?: string): HTMLElement => {
    const path = reportPath(choice, part);
    return h('li', {}, h('a', {
      href: apiUrl(path),
      id: id ?? null,
      class: 'telechargement',
      onclick: (event: Event) => {
        event.preventDefault();
        void download(path, name).catch((error) => showError(byId('erreurs'), error));
      },
    }, text));
  };
  return h('section', { id: 'telechargements', 'aria-labelledby': 'telechargements-titre' },
    h('h2', { id: 'telechargements-titre' }, 'Télécharger'),
    h('ul', { class: 'liens' },
      link('/xlsx', 'Le rapport complet, classeur Excel (.xlsx), graphiques compris', 'rapport.xlsx', 'telecharger-xlsx'),
      ...tables.map(([table, text]) => link(`/csv/${table}`, `${text} (CSV)`, `${table}.csv`, `telecharger-${table}`))));
}

/**
 * One of the API's charts as an image: fetched with the key (an img cannot send it) and shown
 * from a data: URL (the pages' content security policy admits only those besides their own);
 * its alternative text gives the figures it draws, which the tables beside it hold too.
 */
function chart(choice: Choice, name: string, title: string, alt: string): HTMLElement {
  const image = h('img', { alt, width: 800, height: 450, class: 'graphique', 'data-graphique': name });
  void fetchFile(reportPath(choice, `/charts/${name}`, { format: 'svg' }))
    .then(({ blob }) => new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob.type ? blob : new Blob([blob], { type: 'image/svg+xml' }));
    }))
    .then((url) => {
      image.src = url;
    })
    .catch((error) => showError(byId('erreurs'), error));
  return h('figure', { class: 'figure' }, image, h('figcaption', {}, `${title} (graphique ; les mêmes chiffres sont dans les tableaux).`));
}

function consumptionText(r: SteeringReport): string {
  const lines = r.envelopes.map((l) => `${l.label} : ${money(l.committed)} engagés dont ${money(l.disbursed)} décaissés${l.planned === undefined ? '' : `, sur ${money(l.planned)} prévus`}`);
  return `Consommation des enveloppes au ${date(r.asOf)}. ${lines.join(' ; ')}.`;
}

function productsText(r: SteeringReport): string {
  const items = r.dwellings.byProduct.filter((p) => p.dwellings > 0).map((p) => `${label(report.products, p.product)} : ${report.count(p.dwellings)} (${report.percent(p.share)})`);
  return `Logements financés par produit. ${items.length ? items.join(' ; ') : 'Aucun logement financé'}.`;
}

function pipelineText(r: SteeringReport): string {
  const items = r.pipeline.byState.map((s) => `${label(statuses, s.state)} : ${report.count(s.requests)}`);
  return `Demandes en cours par état. ${items.length ? items.join(' ; ') : 'Aucune demande en cours'}.`;
}
