/**
 * The second pass over a document's links: those no catalogue entry claimed are judged together,
 * after the walk, because their evidence is the message as a whole (hosts it revealed as a
 * vendor's, hosts that served an unknown pixel, patterns shared by several links).
 */
import type { CatalogueMatch } from '../catalogue/types.js';
import type { Decision } from '../classify/classify.js';
import { groupUnknownLinks, type UnknownLink } from '../classify/links.js';
import type { Resource } from '../html/types.js';
import type { Verdict } from './inspect.js';
import { judgeOnLearnedHost, learnedHosts } from './learned-hosts.js';
import type { PartContext } from './part.js';
import { judgeOnPixelHost, pixelHosts } from './pixel-hosts.js';
import { attributeVendor } from './vendor-naming.js';

/** Unknown links on hosts this message reveals as a vendor's branded tracking hosts. */
function judgeLearned(
  verdicts: readonly Verdict[],
  links: readonly UnknownLink[],
  ctx: PartContext,
): Map<Resource, { decision: Decision; match: CatalogueMatch }> {
  const out = new Map<Resource, { decision: Decision; match: CatalogueMatch }>();
  if (links.length === 0) return out;
  const hosts = learnedHosts(verdicts.map((v) => ({ url: v.url, match: v.match, tracker: v.decision !== null })), ctx.domainOf);
  if (hosts.size === 0) return out;
  for (const l of links) {
    const m = hosts.get(l.url.host);
    const judged = m === undefined ? null : judgeOnLearnedHost(l, m);
    if (judged !== null) out.set(l.resource, judged);
  }
  return out;
}

/** Unknown links on hosts that served this message an unknown open pixel (see `pixel-hosts.ts`). */
function judgeOnPixelHosts(verdicts: readonly Verdict[], links: readonly UnknownLink[], ctx: PartContext): Map<Resource, Decision> {
  const out = new Map<Resource, Decision>();
  if (links.length === 0) return out;
  const hosts = pixelHosts(verdicts.map((v) => ({ resource: v.resource, url: v.url, known: v.match !== null, decision: v.decision })));
  if (hosts.size === 0) return out;
  for (const l of links) {
    const keys = hosts.get(l.url.host);
    const judged = keys === undefined ? null : judgeOnPixelHost(l, keys, ctx.domainOf);
    if (judged !== null) out.set(l.resource, judged);
  }
  return out;
}

/**
 * The verdicts with every unknown link judged: on a learned vendor host, on a pixel host (one
 * finding per host), or as a member of a redirect group; other verdicts are returned unchanged.
 *
 * @example
 * const final = judgeUnknownLinks(verdicts, unknownLinks, ctx);
 * final.filter((v) => v.group !== null).length; // links reported as part of a group
 */
export function judgeUnknownLinks(verdicts: readonly Verdict[], unknownLinks: readonly UnknownLink[], ctx: PartContext): readonly Verdict[] {
  const onLearned = judgeLearned(verdicts, unknownLinks, ctx);
  const rest = unknownLinks.filter((l) => !onLearned.has(l.resource));
  const onPixelHost = judgeOnPixelHosts(verdicts, rest, ctx);
  const grouped = new Map<Resource, { key: string; decision: Decision }>();
  // One finding per pixel host: its links are one tracking script, whatever their path.
  for (const l of rest) {
    const decision = onPixelHost.get(l.resource);
    if (decision !== undefined) grouped.set(l.resource, { key: `${l.url.host}/~pixel-host`, decision });
  }
  for (const g of groupUnknownLinks(rest.filter((l) => !onPixelHost.has(l.resource)), ctx.domainOf)) {
    const decision: Decision = { kind: 'click-redirect', confidence: g.confidence, signals: g.signals };
    for (const l of g.links) grouped.set(l.resource, { key: g.key, decision });
  }
  if (grouped.size === 0 && onLearned.size === 0) return verdicts;
  return verdicts.map((v) => {
    const learned = onLearned.get(v.resource);
    if (learned !== undefined) {
      const { attributed: _unused, ...rest } = v;
      return { ...rest, decision: learned.decision, match: learned.match };
    }
    const g = grouped.get(v.resource);
    if (g === undefined) return v;
    const attributed = attributeVendor(ctx.sender, g.decision, v.thirdParty, v.url.host, ctx.domainOf);
    const judged = { ...v, decision: g.decision, group: g.key };
    return attributed === null ? judged : { ...judged, attributed };
  });
}
