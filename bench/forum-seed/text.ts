/**
 * Post and title text for the forum seed. Rendering a million posts through marked and the
 * sanitizer would take longer than the rest of the load, so a handful of Markdown templates are
 * rendered once by the real pipeline, with placeholder words in their slots; each post then
 * swaps words into the source and the HTML alike. The words are plain lowercase letters, which
 * neither Markdown nor HTML escaping touches, so the HTML stays what the renderer would produce.
 */
import { RENDERER_VERSION, renderMarkdown } from "../../app/domain/forum/markdown";

/** Words people actually write about here: frequent, so common searches match many posts. */
const DOMAIN_WORDS = (
  "migration renewal nonprofit licence pricing volunteer grant reporting dashboard integration export import " +
  "onboarding workflow approval invoice quote discount tier partner customer deployment sandbox upgrade " +
  "security audit compliance identity login permission role council mentor training certification webinar " +
  "analytics pipeline warehouse schema backup restore outage latency timeout webhook connector api token " +
  "campaign donor fundraising foundation education government healthcare retail manufacturing logistics " +
  "forecast pipeline opportunity renewal contract seats storage quota throttling retry batch schedule " +
  "template branding translation accessibility mobile offline sync conflict duplicate merge cleanup archive " +
  "billing refund subscription trial procurement tender budget roadmap feature release beta preview bug " +
  "workaround escalation support ticket knowledge article checklist handover kickoff milestone estimate"
).split(" ");

const SYLLABLES = ["ka", "lo", "mi", "ren", "sto", "vel", "dra", "nu", "pex", "tor", "qua", "zen", "bri", "fol", "gan", "hy"];

/** A long tail of rarer words (product codes, names) so selective searches exist too. */
function tailWords(count: number) {
  const words: string[] = [];
  for (let i = 0; words.length < count; i++) {
    let n = i;
    let word = "";
    do {
      word += SYLLABLES[n % SYLLABLES.length];
      n = Math.floor(n / SYLLABLES.length);
    } while (n > 0);
    if (word.length >= 4) words.push(word);
  }
  return words;
}

export const VOCABULARY = [...new Set(DOMAIN_WORDS)].concat(tailWords(4000));

/** Zipf-like: the first words of the list are picked far more often than the tail. */
export function pickWord(next: () => number) {
  return VOCABULARY[Math.floor(VOCABULARY.length * next() ** 3)]!;
}

const SLOT = (i: number) => `zzslot${String.fromCharCode(97 + i)}zz`;

const TEMPLATES = [
  `We hit the same thing during our last **{0} {1}**: the {2} step applied to the {3} accounts too. What worked for us:

1. Split the {3} records into their own {4} before the {1}.
2. Ask your partner manager about the {5} exception (it exists, it is just not in the price book).
3. Keep the {6} of historic records out of the {1} scope.

Happy to compare notes; we did this for three {7} customers this year.`,
  `## Context

Our {0} team is rolling out {1} for a {2} customer and the {3} keeps failing after the {4} change.

\`\`\`
error: {5} rejected ({6} limit reached)
\`\`\`

Has anyone seen this with {7}? Any pointers to the right {4} settings would help.`,
  `Short answer: use the {0} {1} instead of the {2}.

- It keeps the {3} history intact
- It respects the {4} permissions
- It is what support recommends for {5}

See the [{6} guide](https://docs.example.com/guides) for the {7} part.`,
  `> Does the {0} work with {1}?

Yes, since the {2} release. We moved our {3} to it last quarter and the {4} dropped by half. The only catch is that {5} needs a fresh {6} afterwards, and the {7} has to be re-approved.`,
  `Thanks, that fixed our {0}. For anyone landing here later: the {1} setting is under *{2}* → *{3}*, and it only shows once the {4} is enabled for the {5}. We also had to clear the {6} cache before the {7} picked it up.`,
  `| step | owner | notes |
| --- | --- | --- |
| {0} | partner | check the {1} first |
| {2} | customer | needs {3} sign-off |
| {4} | vendor | {5} review, then {6} |

This is the checklist we use for every {7} project; adapt freely.`,
];

export const TITLE_TEMPLATES = [
  "How do I handle {0} {1} for a {2} customer?",
  "{0} fails after the {1} upgrade",
  "Best practice for {0} and {1} in {2} projects",
  "Is {0} supported with {1}?",
  "{0} {1}: what is the recommended {2}?",
  "Question about {0} pricing for {1}",
];

interface RenderedTemplate {
  source: string[];
  html: string[];
  /** For each slot in order, which of the post's words goes there. */
  slotWords: number[];
}

/** Splits a rendered text at its slot markers, so filling it is a join, not a search. */
function split(text: string, slots: number) {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < slots; i++) {
    const at = rest.indexOf(SLOT(i));
    if (at < 0) throw new Error(`template lost slot ${i} in rendering`);
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + SLOT(i).length);
  }
  parts.push(rest);
  return parts;
}

const SLOTS = 8;

function prepare(template: string): RenderedTemplate {
  // Each occurrence gets a marker of its own (a word may fill several), so the split is positional.
  let index = 0;
  const words: number[] = [];
  const withMarkers = template.replace(/\{(\d)\}/g, (_, n: string) => {
    words.push(Number(n));
    return SLOT(index++);
  });
  const rendered = renderMarkdown(withMarkers);
  return { source: split(withMarkers, index), html: split(rendered.html, index), slotWords: words };
}

const PREPARED = TEMPLATES.map(prepare);

function fill(parts: string[], slotWords: number[], words: string[]) {
  let out = parts[0]!;
  for (let i = 0; i < slotWords.length; i++) out += words[slotWords[i]!]! + parts[i + 1]!;
  return out;
}

/** A post body in Markdown and its rendered HTML, as the pipeline would store them. */
export function postBody(next: () => number) {
  const template = PREPARED[Math.floor(next() * PREPARED.length)]!;
  const words = Array.from({ length: SLOTS }, () => pickWord(next));
  return { source: fill(template.source, template.slotWords, words), html: fill(template.html, template.slotWords, words), rendererVersion: RENDERER_VERSION };
}

export function threadTitle(next: () => number) {
  const template = TITLE_TEMPLATES[Math.floor(next() * TITLE_TEMPLATES.length)]!;
  const title = template.replace(/\{(\d)\}/g, () => pickWord(next));
  return title.charAt(0).toUpperCase() + title.slice(1);
}
