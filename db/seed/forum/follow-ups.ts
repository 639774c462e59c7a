import type { Alias } from "./cast";

export interface FollowUpContext {
  /** Who opened the thread. */
  asker: Alias;
  /** Whose reply helped most: the accepted answer's author, else someone who replied. */
  helper: Alias;
  /** What the thread is about, as a noun phrase ("the nonprofit seat minimum"). */
  topic: string;
  /** Where the person writing the follow-up works from. */
  city: string;
  /** Whether the asker has accepted an answer: nobody asks "did it work?" after that. */
  solved: boolean;
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The short replies every busy forum has, so 300 replies need not all be written by hand. Each
 * names real people and the thread's own topic, and a thread never uses the same one twice.
 */
export const followUps: Array<(c: FollowUpContext) => string> = [
  (c) => `Thanks @{${c.helper}}, that worked for our ${c.city} rollout.`,
  (c) => `Following. We have ${c.topic} coming up with two customers next quarter.`,
  (c) => `Saving this one. ${cap(c.topic)} comes up in nearly every discovery call we run in ${c.city}.`,
  (c) =>
    c.solved
      ? `Same situation here with ${c.topic}; glad it's not just us, and glad it's solved. Following the same steps next week.`
      : `Same situation here with ${c.topic}; glad it's not just us. @{${c.asker}}, please post an update once it's sorted.`,
  (c) => `We ran an internal lunch-and-learn on ${c.topic} off the back of this thread. Thanks all, especially @{${c.helper}}.`,
  (c) => `+1 to @{${c.helper}}. We learned ${c.topic} the hard way last year and wrote the same steps into our delivery playbook.`,
  (c) => `Is there an official doc page on ${c.topic}? It would be good to link it from the partner portal so this thread isn't the only source.`,
  (c) => `Sharing this with our ${c.city} team. Clearest explanation of ${c.topic} I've seen, including the vendor's own.`,
  (c) => `Quick data point from ${c.city}: we did it the way @{${c.helper}} describes on three projects now, no surprises so far.`,
  (c) =>
    c.solved
      ? `@{${c.asker}} how did the customer take it once you went with @{${c.helper}}'s approach? Curious.`
      : `@{${c.asker}} did you end up going with @{${c.helper}}'s approach? Curious how the customer took it.`,
  () => `Bookmarked. This should be pinned.`,
  (c) => `We had a slightly different experience with ${c.topic}: the vendor's answer depended on which PAM we asked. Worth getting it in writing.`,
  (c) => `Thank you for writing this up properly, @{${c.helper}}. Forwarded to our delivery lead.`,
  (c) => `One more thing on ${c.topic}: put it in the statement of work explicitly. Customers remember what they were told, not what the docs say.`,
  (c) => `This thread saved me a day. We had ${c.topic} on a customer call this morning and I had the answer ready.`,
  (c) => `Adding our vote: we'd love a webinar on ${c.topic}. @{${c.helper}}, would you present?`,
  () => `Late to this, but agreeing with everything above. Consistency across customers is what makes it manageable.`,
  (c) => `Confirming this still holds as of this week; we just went through it with a customer in ${c.city}.`,
  (c) => `Our experience matches @{${c.helper}}'s. The only extra step we needed was a short sign-off email from the customer.`,
  (c) => `Useful thread. For anyone searching later: ${c.topic} is also covered in the partner enablement track, module 4.`,
  () => `Thanks, everyone. Exactly the kind of practical answer you don't get from the official training.`,
  (c) => `Passing this to the whole team in ${c.city}; it's gold. Thank you @{${c.helper}}.`,
  (c) => `Just adding that the same applies in LATAM and APAC deals, in case anyone wonders whether ${c.topic} is region-specific.`,
  () => `Really appreciate the detail here. Copying the steps into our runbook.`,
  (c) => `@{${c.helper}} is there a version of this for smaller customers, say under 50 users? Our deals in ${c.city} are mostly that size.`,
  (c) => `Had exactly this conversation with a customer yesterday. ${cap(c.topic)} is going to be the theme of the year.`,
  (c) => `Glad someone asked. I'd been quietly wondering about ${c.topic} for months.`,
  (c) => `Nice one @{${c.asker}} for asking and @{${c.helper}} for answering. This is what the forum is for.`,
  () => `Good summary. I'd only add: write down who on the vendor side agreed to what, and when.`,
  (c) => `We tried the other approach last year and regretted it. Go with what @{${c.helper}} said.`,
];
