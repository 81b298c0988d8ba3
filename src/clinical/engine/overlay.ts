/**
 * Overlays: an edition or a national adaptation states only what differs from its base
 * protocol (imci-facts section G). Rows and tables are replaced or patched by id, parameters by
 * name; `null` removes a row or a table.
 */
import type { Condition } from './condition.js';
import type { ClassificationRow, Group, Implication, Protocol } from './types.js';

export interface ProtocolOverlay {
  id?: string;
  edition?: string;
  title?: string;
  document?: string;
  params?: Readonly<Record<string, number>>;
  derived?: Readonly<Record<string, Condition>>;
  rows?: Readonly<Record<string, Partial<ClassificationRow> | null>>;
  groups?: Readonly<Record<string, Partial<Group> | null>>;
  /** New tables, placed after the named table (or at the end). */
  addGroups?: readonly { after?: string; group: Group }[];
  implications?: readonly Implication[];
  /** Replaces the questions asked of every patient. */
  alwaysAsk?: Protocol['alwaysAsk'];
  urgentSigns?: Protocol['urgentSigns'];
}

function patchRows(group: Group, rows: ProtocolOverlay['rows'], used: Set<string>): Group {
  if (!rows) return group;
  const out: ClassificationRow[] = [];
  for (const r of group.rows) {
    if (!(r.id in rows)) {
      out.push(r);
      continue;
    }
    used.add(r.id);
    const patch = rows[r.id];
    if (patch !== null && patch !== undefined) out.push({ ...r, ...patch });
  }
  return { ...group, rows: out };
}

function placeGroups(groups: Group[], additions: ProtocolOverlay['addGroups']): Group[] {
  const out = [...groups];
  for (const { after, group } of additions ?? []) {
    const at = after === undefined ? -1 : out.findIndex((g) => g.id === after);
    if (after !== undefined && at < 0) throw new Error(`overlay: no table [${after}] to add after`);
    out.splice(at < 0 ? out.length : at + 1, 0, group);
  }
  return out;
}

/** Applies an overlay. Every row or table it names must exist, so a typo cannot pass silently. */
export function applyOverlay(base: Protocol, overlay: ProtocolOverlay): Protocol {
  const used = new Set<string>();
  const groups: Group[] = [];
  for (const g of base.groups) {
    const patch = overlay.groups?.[g.id];
    if (overlay.groups && g.id in overlay.groups) used.add(`group:${g.id}`);
    if (patch === null) continue;
    groups.push(patchRows({ ...g, ...(patch ?? {}) }, overlay.rows, used));
  }
  const named = [
    ...Object.keys(overlay.rows ?? {}),
    ...Object.keys(overlay.groups ?? {}).map((id) => `group:${id}`),
  ];
  const unknown = named.filter((id) => !used.has(id));
  if (unknown.length > 0)
    throw new Error(`overlay names rows or tables that do not exist: [${unknown.join(', ')}]`);

  return {
    ...base,
    id: overlay.id ?? base.id,
    edition: overlay.edition ?? base.edition,
    title: overlay.title ?? base.title,
    document: overlay.document ?? base.document,
    params: { ...base.params, ...overlay.params },
    derived: { ...base.derived, ...overlay.derived },
    implications: [...base.implications, ...(overlay.implications ?? [])],
    alwaysAsk: overlay.alwaysAsk ?? base.alwaysAsk,
    ...((overlay.urgentSigns ?? base.urgentSigns)
      ? { urgentSigns: overlay.urgentSigns ?? base.urgentSigns }
      : {}),
    groups: placeGroups(groups, overlay.addGroups),
  };
}
