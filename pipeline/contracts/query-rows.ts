/**
 * @module query-rows – GENERATED from the headers of queries/*.sql by `npm run query-types` (pipeline/named-queries/
 * row-types.ts); do not edit. Each named query's row as the service answers it (NULL unless its header says NOT NULL;
 * a column shown only for some parameters is optional), and the parameters it takes.
 */
import { z } from 'zod';

/** A BIGINT: a number while exact, else its digits as text. */
const bigint = z.union([z.number().int(), z.string()]);

export const queryRowSchemas = {
  /**
   * Fastställda versioner av programmens nyttokalkyl, målvärden, baslinjer och rapporter: vilken version (inläsning), vem, när och varför;
   * den senaste först. En fastställd version som senare ångrats står kvar och sägs vara ångrad.
   */
  approvals: z.object({
    /** fastställelsens egen inläsning (den kan ångras som andra) */
    id: bigint,
    program: z.string(),
    /** nyttokalkyl, malvarden, baslinje eller rapport */
    subject: z.string(),
    /** inläsningen som fastställdes: lagret som det såg ut direkt efter den (asOf) */
    version: bigint,
    comment: z.string().nullable(),
    approved_by: z.string().nullable(),
    approved_at: z.string(),
    /** filen versionens inläsning läste */
    version_file: z.string().nullable(),
    version_loaded_at: z.string().nullable(),
    /** ångringen som drog tillbaka den fastställda versionens inläsning, om den ångrats */
    version_undone_by: bigint.nullable(),
    /** om versionen fortfarande kan läsas (nytta purge kan ha rensat historiken före den) */
    version_readable: z.boolean(),
  }),
  /**
   * Baslinje för en indikator och enhet: fönstret före driftstart (standard 12 månader), andelar poolade (Σ täljare / Σ nämnare), med
   * antal perioder och n.
   */
  baseline: z.object({
    indicator: z.string().nullable(),
    unit: z.string().nullable(),
    go_live: z.string().nullable(),
    /** varifrån driftstarten kom: parameter, unit (enhetens egen), ancestor (närmaste överordnades) eller program */
    go_live_source: z.string().nullable(),
    /** enheten, den överordnade enheten eller programmet som gav driftstarten */
    go_live_from: z.string().nullable(),
    window_from: z.string().nullable(),
    /** perioder med värde i fönstret */
    periods: bigint.nullable(),
    value: z.number().nullable(),
    n: bigint.nullable(),
    status: z.string().nullable(),
  }),
  /**
   * Statusbedömningar per nytta och period (grön, gul, röd) med tillförsikt, kommentar och vem som bedömde, för ett program eller alla.
   */
  benefit_status: z.object({
    program: z.string(),
    benefit: z.string(),
    /** 2026, 2026-T2, 2026-Q1 eller 2026-03 */
    period: z.string(),
    /** year, tertial, quarter eller month */
    grain: z.string(),
    period_start: z.string(),
    /** periodens sista dag */
    period_end: z.string(),
    /** grön, gul eller röd */
    status: z.string(),
    /** tillförsikt: hög, medel eller låg */
    confidence: z.string().nullable(),
    comment: z.string().nullable(),
    assessed_by: z.string().nullable(),
    assessed: z.string().nullable(),
  }),
  /** Nyttokalkylens poster för ett program, ett scenario eller alla, plan och utfall, belopp i kronor. */
  business_case: z.object({
    program: z.string(),
    scenario: z.string(),
    year: z.number().int(),
    /** cost eller benefit */
    post: z.string(),
    category: z.string(),
    actor: z.string(),
    /** plan eller outcome */
    kind: z.string(),
    amount_sek: z.number(),
    probability: z.number(),
    /** finansiell, omfordelning, kvalitet eller miljo */
    benefit_class: z.string().nullable(),
    stakeholder: z.string().nullable(),
    low_sek: z.number().nullable(),
    high_sek: z.number().nullable(),
    source: z.string().nullable(),
    /** tillskrivning: den andel av posten som programmet räknar (0–1) */
    attribution: z.number().nullable(),
  }),
  /** Verksamhetsnyttor med nivå (1–3), överordnad nytta och effektmål, för ett program eller alla. */
  catalogue_benefits: z.object({
    program: z.string(),
    id: z.string(),
    parent: z.string().nullable(),
    /** nivå 1, 2 eller 3; tomt för en huvudnytta */
    level: z.number().int().nullable(),
    name: z.string(),
    /** effektmål, kommaseparerade */
    effect_goals: z.string().nullable(),
    /** nyttoägare */
    owner: z.string().nullable(),
    /** realiseringsansvarig */
    realised_by: z.string().nullable(),
    /** motnytta */
    dis_benefit: z.boolean().nullable(),
  }),
  /** Effektmål, för ett program eller alla. */
  catalogue_effect_goals: z.object({
    program: z.string(),
    id: z.string(),
    /** målgrupp */
    target_group: z.string().nullable(),
    text: z.string(),
  }),
  /**
   * Indikatorer med enhet, riktning, frekvens, nyttor och minsta antal för redovisning; valfritt bara de som mäter en viss nytta eller ett
   * programs nyttor.
   */
  catalogue_indicators: z.object({
    id: z.string(),
    name: z.string(),
    unit: z.string().nullable(),
    /** higher eller lower är bättre */
    direction: z.string().nullable(),
    frequency: z.string().nullable(),
    /** nyttor, kommaseparerade */
    benefits: z.string().nullable(),
    source: z.string().nullable(),
    min_count: z.number().int(),
  }),
  /** Organisationsenheter med nivå, överordnad och driftstart, valfritt under en viss enhet. */
  catalogue_org_units: z.object({
    id: z.string(),
    name: z.string(),
    parent: z.string().nullable(),
    /** region, forvaltning, verksamhet eller enhet */
    level: z.string(),
    /** driftstart */
    go_live: z.string().nullable(),
  }),
  /**
   * Programmen i lagret: driftstart, geografierna programmet följer nationella serier för, fas, ägare, datum, budget, status och
   * kommentar.
   */
  catalogue_programs: z.object({
    id: z.string(),
    name: z.string(),
    /** programmets driftstart (för serier utan organisationsenhet) */
    go_live: z.string().nullable(),
    /** kommaseparerade, som kommunkolumnen skriver dem */
    geographies: z.string().nullable(),
    description: z.string().nullable(),
    /** idé, förstudie, planering, genomförande, införande, förvaltning eller avslutad */
    phase: z.string().nullable(),
    owner: z.string().nullable(),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
    budget_sek: z.number().nullable(),
    /** grön, gul eller röd */
    status: z.string().nullable(),
    comment: z.string().nullable(),
  }),
  /**
   * Underlag för uppföljningen: per indikator (som mäter programmets nyttor) och plats (en organisationsenhet med allt under den, eller en
   * geografi för serier utan enhet) baslinjen före driftstart och utfall och målvärde för år 1–N efter driftstart; för varje plats och
   * period dess total där den finns, annars summan av delarna; med nedbrytning även delarna.
   */
  followup: z.object({
    indicator: z.string(),
    indicator_name: z.string(),
    /** higher, lower eller tom (riktning saknas) */
    direction: z.string().nullable(),
    /** programmets nyttor som indikatorn mäter, kommaseparerade */
    benefits: z.string().nullable(),
    /** indikatorns källa */
    source: z.string().nullable(),
    /** indikatorns frekvens */
    frequency: z.string().nullable(),
    /** indikatorns enhet (t.ex. andel, antal) */
    measure: z.string().nullable(),
    /** unit eller geography */
    place_kind: z.string(),
    /** enhetens id eller geografin */
    place: z.string(),
    place_name: z.string().nullable(),
    /** enhetens nivå */
    level: z.string().nullable(),
    /** enhetens överordnade (för röjandeskyddet mellan syskon) */
    parent: z.string().nullable(),
    /** enhetens driftstart, annars närmaste överordnades, annars programmets */
    go_live: z.string(),
    /** seriens tidsupplösning */
    grain: z.string().nullable(),
    baseline_from: z.string(),
    /** första dagen efter baslinjen */
    baseline_to: z.string(),
    /** tom för raden själv, annars delen (kön, åldersgrupp eller kommun) */
    part: z.string(),
    /** 0 = baslinjen, 1–N = år efter driftstart */
    year: z.number().int(),
    calendar_year: z.number().int(),
    value: z.number().nullable(),
    n: bigint.nullable(),
    target: z.number().nullable(),
  }),
  /**
   * Effektkedjan bakom uppföljningen av ett program, en rad per sak: programmet (driftstart), dess nyttor i katalogordning, milstolparna
   * och de öppna riskerna vid den senaste riskbedömningen. En fråga i stället för fyra.
   */
  followup_chain: z.object({
    /** program, benefit, milestone eller risk */
    kind: z.string(),
    /** milstolpens nytta; för en risk nyttorna den hotar, kommaseparerade */
    benefit: z.string().nullable(),
    id: z.string(),
    name: z.string().nullable(),
    /** nyttans nivå 1, 2 eller 3; tomt för en huvudnytta */
    level: z.number().int().nullable(),
    /** nyttans överordnade nytta */
    parent: z.string().nullable(),
    /** nyttoägare eller ansvarig */
    owner: z.string().nullable(),
    /** realiseringsansvarig */
    realised_by: z.string().nullable(),
    /** nyttans effektmål, kommaseparerade */
    effect_goals: z.string().nullable(),
    /** programmets driftstart */
    go_live: z.string().nullable(),
    /** milstolpen planerad */
    planned: z.string().nullable(),
    /** milstolpen klar, tom om den inte är klar */
    done: z.string().nullable(),
    /** riskvärdet, sannolikhet × konsekvens */
    value: z.number().int().nullable(),
    /** riskåtgärdens status (aldrig klar här) */
    status: z.string().nullable(),
    /** riskåtgärdens klart-datum har passerat */
    overdue: z.boolean().nullable(),
  }),
  /**
   * Indikatorserie per period för en indikator och en organisationsenhet (med eller utan underliggande enheter), per månad, kvartal eller
   * år, med valfri nedbrytning på kön, åldersgrupp eller kommun. Andelar poolas (Σ täljare / Σ nämnare), mått vägs med n.
   */
  indicator_series: z.object({
    /** ÅÅÅÅ-MM, ÅÅÅÅ-Qn eller ÅÅÅÅ */
    period: z.string(),
    /** K eller M; only when breakdown=sex */
    sex: z.string().nullable().optional(),
    /** åldersgrupp; only when breakdown=age */
    age_group: z.string().nullable().optional(),
    /** kommun; only when breakdown=municipality */
    municipality: z.string().nullable().optional(),
    /** värdet (andel eller mått) */
    value: z.number().nullable(),
    /** antalet värdet bygger på */
    n: bigint.nullable(),
    /** tabellsymbol när värdet saknas (.., U, …) */
    status: z.string().nullable(),
  }),
  /**
   * Nyckeltal i lagret (budgetar, ökade driftkostnader per år, antaganden om produktionsbortfall …) med enhet, period, källa och
   * anmärkning.
   */
  key_figures: z.object({
    name: z.string(),
    value: z.number().nullable(),
    unit: z.string().nullable(),
    period: z.string().nullable(),
    source: z.string().nullable(),
    note: z.string().nullable(),
  }),
  /**
   * Per program och indikator som mäter programmets nyttor: indikatorns frekvens och sista dagen i den senaste perioden som har utfall
   * (tom om inget utfall finns); underlag för vad som ska mätas.
   */
  latest_outcomes: z.object({
    program: z.string(),
    indicator: z.string(),
    name: z.string(),
    frequency: z.string().nullable(),
    /** programmets nyttor som indikatorn mäter, kommaseparerade i katalogordning */
    benefits: z.string().nullable(),
    /** sista dagen i den senaste perioden med utfall */
    latest_end: z.string().nullable(),
  }),
  /**
   * Lärdomar från programmen: datum, område, lärdom, åtgärd, ansvarig och vart den spridits; den senaste först, för ett program eller hela
   * portföljen.
   */
  lessons: z.object({
    program: z.string(),
    id: z.string(),
    date: z.string().nullable(),
    /** område */
    area: z.string().nullable(),
    /** lärdomen */
    lesson: z.string(),
    /** åtgärden */
    action: z.string().nullable(),
    /** ansvarig */
    owner: z.string().nullable(),
    /** spridd till, kommaseparerat */
    spread_to: z.string().nullable(),
  }),
  /**
   * Inläsningsloggen: fil, SHA-256, slag, status, rader lästa, godkända, avvisade och ersatta, tid, vem som läste in och ångringar; den
   * senaste först, eller en enda inläsning.
   */
  load_log: z.object({
    load_id: bigint,
    file_name: z.string(),
    sha256: z.string(),
    kind: z.string().nullable(),
    /** loaded eller refused */
    status: z.string(),
    rows_read: bigint,
    rows_accepted: bigint,
    rows_rejected: bigint,
    started_at: z.string(),
    finished_at: z.string(),
    /** vem som läste in (namnet i token, eller användaren som körde nytta ingest) */
    loaded_by: z.string().nullable(),
    /** rader från tidigare inläsningar som den ersatte (de finns kvar i historiken) */
    rows_replaced: bigint.nullable(),
    /** för en ångring: inläsningen den drog tillbaka */
    undoes: bigint.nullable(),
    /** ångringen som drog tillbaka inläsningen, medan den gäller */
    undone_by: bigint.nullable(),
    /** varningarna som JSON-lista */
    warnings: z.string().nullable(),
  }),
  /**
   * Felen som en avvisad inläsning behöll: rad, kolumn, värde och skäl, i radordning. Värdena är exportens egna celler, så bara den som
   * får läsa in ser dem.
   */
  load_rejects: z.object({
    line: bigint.nullable(),
    column_name: z.string().nullable(),
    value: z.string().nullable(),
    reason: z.string(),
  }),
  /** Milstolpar för ett programs nyttor (förutsättningar som är fakta snarare än serier): planerat och klart. */
  milestones: z.object({
    /** nyttan milstolpen hör till */
    benefit: z.string(),
    id: z.string(),
    name: z.string(),
    /** ansvarig */
    owner: z.string().nullable(),
    planned: z.string(),
    /** tom om den inte är klar */
    done: z.string().nullable(),
  }),
  /**
   * Utfallsrader som de lästes in (ett utdrag för analytiker), för en indikator och valfritt en enhet och en tidsperiod; små celler döljs
   * som överallt.
   */
  observations: z.object({
    indicator: z.string(),
    period: z.string(),
    unit: z.string().nullable(),
    municipality: z.string().nullable(),
    sex: z.string().nullable(),
    age_group: z.string().nullable(),
    value: z.number().nullable(),
    n: bigint.nullable(),
    status: z.string().nullable(),
  }),
  /**
   * Underlag för produktionsbortfallet: per enhet dess förvaltning, driftstart och volym per vecka (volymindikatorns n under 12 månader
   * före driftstart, delat med 52,18 veckor), och den volym som faktiskt uppmättes i bortfallsfönstret runt driftstart (hela perioder som
   * börjar i fönstret).
   */
  production_loss: z.object({
    unit: z.string(),
    unit_name: z.string().nullable(),
    administration: z.string(),
    go_live: z.string(),
    weekly_volume: z.number().nullable(),
    /** uppmätt volym i bortfallsfönstret */
    window_volume: z.number().nullable(),
    /** veckor som fönstrets månader täcker */
    window_weeks: z.number().nullable(),
  }),
  /** Bedömningstillfällena i riskregistret: datum, antal risker och högsta riskvärde. */
  risk_assessments: z.object({
    program: z.string(),
    assessed: z.string(),
    risks: bigint.nullable(),
    max_value: z.number().int().nullable(),
  }),
  /** Varje risks värde vid alla dess bedömningar, äldst först: underlag för trenden. */
  risk_history: z.object({
    program: z.string(),
    id: z.string(),
    assessed: z.string(),
    probability: z.number().int(),
    consequence: z.number().int(),
    /** sannolikhet × konsekvens */
    value: z.number().int(),
  }),
  /** Riskmatrisens celler vid en bedömning (standard: den senaste): antal risker och deras id per sannolikhet och konsekvens. */
  risk_matrix: z.object({
    probability: z.number().int(),
    consequence: z.number().int(),
    count: bigint,
    /** riskernas id, kommaseparerade */
    ids: z.string().nullable(),
  }),
  /** Riskregistret vid en bedömning (standard: varje programs senaste), sorterat efter riskvärde. */
  risk_register: z.object({
    program: z.string(),
    id: z.string(),
    area: z.string().nullable(),
    text: z.string().nullable(),
    probability: z.number().int(),
    consequence: z.number().int(),
    /** sannolikhet × konsekvens */
    value: z.number().int(),
    /** riskvärdet som det angavs i källan */
    stated_value: z.number().int().nullable(),
    scale: z.number().int(),
    mitigation: z.string().nullable(),
    owner: z.string().nullable(),
    /** klart som det skrevs */
    due: z.string().nullable(),
    assessed: z.string(),
    /** åtgärdens status: ej påbörjad, pågår eller klar */
    status: z.string().nullable(),
    /** klart när det är ett datum */
    due_date: z.string().nullable(),
    /** klart har passerat utan att åtgärden är klar */
    overdue: z.boolean(),
    /** nyttorna risken hotar, kommaseparerade */
    benefits: z.string().nullable(),
    /** effektmålen risken hotar, kommaseparerade */
    effect_goals: z.string().nullable(),
  }),
  /**
   * Inläsningarna som ett blads siffror kommer från: de som skrev raderna i kraft som bladet bygger på (ett programs nyttokalkyl, risker,
   * uppföljning, portfölj eller lärdomar, eller indikatorers serier), med fil, SHA-256 och tid. Bladens ursprung listar dessa och inga
   * andra.
   */
  source_loads: z.object({
    load_id: bigint,
    file_name: z.string(),
    sha256: z.string(),
    finished_at: z.string(),
  }),
};

export interface QueryParams {
  approvals: {
    /** programmets id; tomt betyder alla */
    program?: string;
    /** vad som fastställts; tomt betyder allt */
    subject?: string;
  };
  baseline: {
    /** indikatorns id */
    indicator: string;
    /** organisationsenhetens id */
    unit: string;
    /** driftstart; utan värde enhetens egen, annars närmaste överordnades, annars programmets */
    go_live?: string;
    /** fönstrets längd i månader */
    window_months?: number | string;
    /**
     * programmet vars driftstart gäller när enheten och dess överordnade saknar en; tomt betyder programmet vars nyttor indikatorn mäter,
     * om det är ett enda
     */
    program?: string;
  };
  benefit_status: {
    /** programmets id; tomt betyder alla */
    program?: string;
  };
  business_case: {
    /** programmets id */
    program: string;
    /** scenario; tomt betyder alla */
    scenario?: string;
  };
  catalogue_benefits: {
    /** programmets id; tomt betyder alla */
    program?: string;
  };
  catalogue_effect_goals: {
    /** programmets id; tomt betyder alla */
    program?: string;
  };
  catalogue_indicators: {
    /** nyttans id; tomt betyder alla */
    benefit?: string;
    /** bara de som mäter programmets nyttor; tomt betyder alla */
    program?: string;
  };
  catalogue_org_units: {
    /** bara enheter under denna (och den själv); tomt betyder alla */
    under?: string;
  };
  catalogue_programs: Record<string, never>;
  followup: {
    /** programmets id */
    program: string;
    /** en enhet: den och allt under den, oavsett nivå; tomt betyder förvaltningarna, regionen och programmets geografier */
    unit?: string;
    /** varje enhet på en nivå: region, forvaltning, verksamhet eller enhet */
    level?: string;
    /** nedbrytning under varje rad */
    breakdown?: string;
    /** antal år efter driftstart */
    years?: number | string;
    /** baslinjens längd i månader; 0 betyder efter seriens tidsupplösning */
    baseline_months?: number | string;
  };
  followup_chain: {
    /** programmets id */
    program: string;
    /** dagen en riskåtgärd räknas som försenad mot; utan värde dagens datum */
    today?: string;
  };
  indicator_series: {
    /** indikatorns id */
    indicator: string;
    /** organisationsenhetens id; tomt betyder alla enheter */
    unit?: string;
    /** ta med underliggande enheter */
    children?: boolean | string;
    /** bara en kommun; tomt betyder alla */
    municipality?: string;
    /** första period (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD) */
    from?: string;
    /** sista period, inklusive */
    to?: string;
    /** tidsupplösning */
    grain?: string;
    /** nedbrytning */
    breakdown?: string;
  };
  key_figures: {
    /** ett nyckeltals namn; tomt betyder alla */
    name?: string;
  };
  latest_outcomes: {
    /** programmets id; tomt betyder alla */
    program?: string;
  };
  lessons: {
    /** programmets id; tomt betyder alla */
    program?: string;
  };
  load_log: {
    /** högst så många */
    limit?: number | string;
    /** en enda inläsning; 0 betyder alla */
    load_id?: number | string;
  };
  load_rejects: {
    /** inläsningens id */
    load_id: number | string;
  };
  milestones: {
    /** programmets id */
    program: string;
  };
  observations: {
    /** indikatorns id */
    indicator: string;
    /** organisationsenhetens id; tomt betyder alla */
    unit?: string;
    /** första period */
    from?: string;
    /** sista period, inklusive */
    to?: string;
  };
  production_loss: {
    /** volymindikatorn (t.ex. besök) */
    indicator: string;
    /** en förvaltning; tomt betyder alla */
    unit?: string;
    /** fönstret börjar så många veckor före driftstart */
    weeks_before?: number | string;
    /** och slutar så många veckor efter */
    weeks_after?: number | string;
  };
  risk_assessments: {
    /** programmets id; tomt betyder alla */
    program?: string;
  };
  risk_history: {
    /** programmets id; tomt betyder alla */
    program?: string;
  };
  risk_matrix: {
    /** programmets id; tomt betyder alla */
    program?: string;
    /** bedömningsdatum; utan värde det senaste */
    assessed?: string;
  };
  risk_register: {
    /** programmets id; tomt betyder alla */
    program?: string;
    /** bedömningsdatum; utan värde det senaste */
    assessed?: string;
    /** dagen en åtgärd räknas som försenad mot; utan värde dagens datum */
    today?: string;
  };
  source_loads: {
    /** bladets slag */
    of: string;
    /** programmets id; tomt betyder alla program */
    program?: string;
    /** indikatorernas id, kommaseparerade (för serier och baslinjer) */
    indicators?: string;
    /** volymindikatorn, när nyttokalkylen räknar med produktionsbortfall */
    volume_indicator?: string;
  };
}
