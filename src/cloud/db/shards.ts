/**
 * Regions are shards: the region map sends each region's data (encounters, telemetry,
 * quarantine, alerts) to its own database; the default database holds the identity tables
 * (token key, clinics, enrolment) and every region not in the map. Databases named by the
 * same URL are opened once. Every database is migrated when opened.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../shared/errors.js';
import { migrate } from './migrate.js';
import { openDatabase, type Database } from './sql.js';

export interface RegionMap {
  regions: Record<string, string>;
  default: string;
}

export interface Shards {
  /** The default database: identity tables and unmapped regions. */
  global: Database;
  forRegion(region: string): Database;
  /** Regions named in the map (others live in the default database). */
  mappedRegions(): string[];
  /** Each distinct database once. */
  all(): Database[];
  close(): Promise<void>;
}

/** Reads `{ regions: { "<region>": "<url>" }, default: "<url>" }`. */
export function parseRegionMap(text: string, source: string): RegionMap {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError([{ field: source, message: 'is not JSON' }]);
  }
  const map = data as Partial<RegionMap> | null;
  if (typeof map?.default !== 'string') {
    throw new InputError([
      { field: `${source}: default`, message: `must be a database url [${String(map?.default)}]` },
    ]);
  }
  const regions = map.regions ?? {};
  for (const [region, url] of Object.entries(regions)) {
    if (typeof url !== 'string') {
      throw new InputError([
        {
          field: `${source}: regions.${region}`,
          message: `must be a database url [${String(url)}]`,
        },
      ]);
    }
  }
  return { regions, default: map.default };
}

export function readRegionMap(file: string): RegionMap {
  return parseRegionMap(readFileSync(file, 'utf8'), file);
}

export async function openShards(map: RegionMap): Promise<Shards> {
  const byUrl = new Map<string, Database>();
  const open = async (url: string) => {
    let db = byUrl.get(url);
    if (!db) {
      db = await openDatabase(url);
      byUrl.set(url, db);
      await migrate(db);
    }
    return db;
  };
  const global = await open(map.default);
  const regions = new Map<string, Database>();
  for (const [region, url] of Object.entries(map.regions)) regions.set(region, await open(url));

  return {
    global,
    forRegion: (region) => regions.get(region) ?? global,
    mappedRegions: () => [...regions.keys()],
    all: () => [...byUrl.values()],
    close: async () => {
      await Promise.all([...byUrl.values()].map((db) => db.close()));
    },
  };
}
