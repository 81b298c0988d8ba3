/**
 * `medassist consult FILE|-`: one consult, as a report or as the JSON result.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseCaseJson, todayInTimeZone } from '../../clinical/case/index.js';
import { runConsult, runConsultWithModel } from '../../clinic/consult/run-consult.js';
import { renderReport } from '../../clinic/consult/report-text.js';
import { renderModelText } from '../../inference/orchestrator/render-text.js';
import { isSetUp, type ClinicConfig } from '../../clinic/config.js';
import type { ConsultResult } from '../../clinic/consult/consult-result.js';
import { InputError } from '../../shared/errors.js';
import { openClinicForCli, requireSession } from '../clinic-context.js';
import { home, openKb, resolveEdition } from '../context.js';
import { readSyncStatus } from '../../clinic/sync/status.js';
import type { Mode } from '../../protocol/v1.js';
import { modelStepFor, type CreateLocalEngine, type ModelStepFlags } from './consult-model.js';

interface ConsultFlags {
  edition?: string;
  adaptation?: string;
  format: string;
  visitDate?: string;
  tz?: string;
  save: boolean;
  hiv?: boolean;
  lang: string;
  keyFile?: string;
  cloudModel?: string;
  offline?: boolean;
}

function readInput(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InputError([{ field: 'FILE', message: `cannot read [${file}]` }], { cause });
  }
}

function clinicTimeZone(flag: string | undefined): string {
  return flag ?? process.env.MEDASSIST_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

type Options = Parameters<typeof runConsult>[1];

type Deps = Parameters<typeof runConsult>[2];

/** The consult with the model step when a model is configured; else exactly as before. */
async function consultWith(
  input: unknown,
  options: Options,
  deps: Deps,
  model: {
    config: ClinicConfig | null;
    flags: ModelStepFlags;
    createLocal: CreateLocalEngine | null;
    lastMode?: () => Mode;
    clinicToken?: () => Promise<string>;
    clinicFetch?: (url: string, init?: RequestInit) => Promise<Response>;
  },
): Promise<ConsultResult> {
  const step = await modelStepFor(
    model.config,
    model.flags,
    model.createLocal,
    model.lastMode,
    model.clinicToken,
    model.clinicFetch,
  );
  if (!step) return runConsult(input, options, deps);
  try {
    return await runConsultWithModel(input, options, deps ?? {}, step.options);
  } finally {
    await step.close();
  }
}

/** No clinic here: the consult is shown but cannot be kept (records are encrypted per clinic). */
async function consultOnly(
  input: unknown,
  options: Options,
  flags: ConsultFlags,
): Promise<ConsultResult> {
  const kb = openKb();
  try {
    const model = { config: null, flags, createLocal: null };
    const result = await consultWith(input, options, { kb }, model);
    if (!flags.save) return result;
    const note =
      'not saved: no clinic is set up under MEDASSIST_HOME (medassist setup, then medassist login)';
    return { ...result, notes: [...result.notes, note] };
  } finally {
    kb?.close();
  }
}

/** Saves in the clinic's encrypted store, as the signed-in user. */
async function consultAndSave(
  input: unknown,
  options: Options,
  flags: ConsultFlags,
  createLocal: CreateLocalEngine | null,
): Promise<ConsultResult> {
  const clinic = await openClinicForCli(flags);
  const kb = openKb();
  try {
    const actor = requireSession(clinic);
    const usable = clinic.model.status === 'ok' || clinic.model.status === 'restored';
    const model = {
      config: clinic.config,
      flags,
      createLocal: usable ? createLocal : null,
      ...(clinic.config.sync
        ? {
            lastMode: () => readSyncStatus(clinic).mode,
            clinicToken: async () => {
              const { clientFor } = await import('../../clinic/sync/run-sync.js');
              return clientFor(clinic).accessToken();
            },
            // Loaded on the first escalation only, like the token.
            clinicFetch: async (url: string, init?: RequestInit) => {
              const { clinicFetch } = await import('../../clinic/sync/run-sync.js');
              return clinicFetch(clinic)(url, init);
            },
          }
        : {}),
    };
    return await consultWith(input, options, { kb, store: clinic.store, actor }, model);
  } finally {
    kb?.close();
    clinic.close();
  }
}

/** `createLocal`: the local llama.cpp engine factory, when the model part is installed. */
export function registerConsultCommand(
  program: Command,
  createLocal: CreateLocalEngine | null = null,
): void {
  program
    .command('consult')
    .description('classify one case (JSON in the neutral case vocabulary) and print the report')
    .argument('<file>', 'case file, or - for standard input')
    .option('--edition <id>', 'guideline edition: imci-2014 (default) or imci-2005')
    .option('--adaptation <file>', 'national adaptation (JSON overlay of the edition)')
    .option('--format <format>', 'text or json', 'text')
    .option('--visit-date <date>', 'visit date YYYY-MM-DD (default: today in the clinic time zone)')
    .option('--tz <zone>', 'clinic time zone (default: MEDASSIST_TZ or the system zone)')
    .option('--no-save', 'do not save the consult in the clinic store')
    .option('--hiv', 'HIV is prioritized here: use the HIV table')
    .option('--lang <lang>', 'language of the guideline passages', 'en')
    .option('--key-file <file>', 'key file to unlock the clinic (else MEDASSIST_PASSPHRASE)')
    .option('--cloud-model <url>', 'OpenAI-compatible model server to escalate to (else config)')
    .option('--offline', 'do not escalate to the cloud model')
    .action(async (file: string, flags: ConsultFlags) => {
      if (flags.format !== 'text' && flags.format !== 'json') {
        throw new InputError([
          { field: '--format', message: `must be text or json [${flags.format}]` },
        ]);
      }
      const edition = resolveEdition(flags.edition, flags.adaptation);
      const visitDate = flags.visitDate ?? todayInTimeZone(clinicTimeZone(flags.tz));
      const text = readInput(file);
      // Parse once up front so that bad input is refused before any database is opened.
      parseCaseJson(text, { visitDate });
      const consultOptions = {
        edition,
        visitDate,
        settings: { hivPrioritized: flags.hiv === true },
        lang: flags.lang,
      };
      const result =
        flags.save && isSetUp(home())
          ? await consultAndSave(JSON.parse(text), consultOptions, flags, createLocal)
          : await consultOnly(JSON.parse(text), consultOptions, flags);
      const out =
        flags.format === 'json'
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${renderReport(result)}${result.model ? renderModelText(result.model) : ''}`;
      process.stdout.write(out);
    });
}
