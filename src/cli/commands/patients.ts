/**
 * `medassist patient register|search|merge|erase` and `medassist history PATIENT_ID`.
 * Every read and change is checked against the role matrix and audited by the store.
 */
import type { Command } from 'commander';
import { InputError } from '../../shared/errors.js';
import { requireSession, withClinic } from '../clinic-context.js';

const keyFile = ['--key-file <file>', 'key file to unlock the clinic'] as const;

function sexOf(value: string | undefined): 'male' | 'female' | undefined {
  if (value === undefined) return undefined;
  if (value === 'male' || value === 'female') return value;
  throw new InputError([{ field: '--sex', message: `must be male or female [${value}]` }]);
}

export function registerPatientCommands(program: Command): void {
  registerOverrideCommand(program);
  const patient = program.command('patient').description('register, find, merge or erase patients');
  patient
    .command('register')
    .requiredOption('--name <name>', 'name')
    .option('--sex <sex>', 'male or female')
    .option('--dob <date>', 'date of birth YYYY-MM-DD')
    .option('--village <village>', 'village')
    .option('--phone <phone>', 'phone')
    .option(...keyFile)
    .action(
      async (f: {
        name: string;
        sex?: string;
        dob?: string;
        village?: string;
        phone?: string;
        keyFile?: string;
      }) => {
        if (f.dob !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(f.dob))
          throw new InputError([{ field: '--dob', message: `expected YYYY-MM-DD [${f.dob}]` }]);
        const sex = sexOf(f.sex);
        await withClinic(f, (clinic) => {
          const actor = requireSession(clinic);
          const { id, duplicates } = clinic.store.registerPatient(
            {
              name: f.name,
              ...(sex ? { sex } : {}),
              ...(f.dob ? { dateOfBirth: f.dob } : {}),
              ...(f.village ? { village: f.village } : {}),
              ...(f.phone ? { phone: f.phone } : {}),
            },
            actor,
          );
          process.stdout.write(`patient registered: ${id}\n`);
          for (const d of duplicates) {
            process.stdout.write(
              `possible duplicate: ${d.id} (${d.name ?? '?'}, born ${d.dateOfBirth ?? '?'}); merge with: medassist patient merge ${d.id} ${id}\n`,
            );
          }
        });
      },
    );
  patient
    .command('search')
    .argument('<query>', 'words of the name')
    .option(...keyFile)
    .action(async (query: string, f: { keyFile?: string }) => {
      await withClinic(f, (clinic) => {
        const found = clinic.store.searchPatients(query, requireSession(clinic));
        for (const p of found)
          process.stdout.write(
            `${p.id}\t${p.name ?? ''}\t${p.sex ?? ''}\t${p.dateOfBirth ?? ''}\t${p.village ?? ''}\n`,
          );
        if (found.length === 0) process.stdout.write('no patient found\n');
      });
    });
  patient
    .command('merge')
    .description('merge the second patient into the first (same person recorded twice)')
    .argument('<keep>', 'patient id to keep')
    .argument('<drop>', 'patient id merged into it')
    .option(...keyFile)
    .action(async (keep: string, drop: string, f: { keyFile?: string }) => {
      await withClinic(f, (clinic) => {
        clinic.store.mergePatients(keep, drop, requireSession(clinic));
        process.stdout.write(`patient ${drop} merged into ${keep}\n`);
      });
    });
  patient
    .command('erase')
    .description('right to deletion: remove identity and records; a tombstone tells the cloud')
    .argument('<id>', 'patient id')
    .option('--yes', 'confirm')
    .option(...keyFile)
    .action(async (id: string, f: { yes?: boolean; keyFile?: string }) => {
      if (!f.yes)
        throw new InputError([
          { field: '--yes', message: 'erasure cannot be undone: repeat with --yes' },
        ]);
      await withClinic(f, (clinic) => {
        const r = clinic.store.erasePatient(id, requireSession(clinic));
        process.stdout.write(
          `patient ${id} erased: ${r.encounters} encounters removed; tombstone ${r.tombstoneId} queued\n`,
        );
      });
    });

  program
    .command('history')
    .description('every encounter of a patient, oldest first')
    .argument('<patientId>', 'patient id')
    .option('--format <format>', 'text or json', 'text')
    .option(...keyFile)
    .action(async (patientId: string, f: { format: string; keyFile?: string }) => {
      await withClinic(f, (clinic) => {
        const actor = requireSession(clinic);
        const p = clinic.store.getPatient(patientId, actor);
        if (!p)
          throw new InputError([
            { field: 'patientId', message: `no patient with this id [${patientId}]` },
          ]);
        const visits = clinic.store.history(p.mergedInto ?? p.id, actor);
        if (f.format === 'json') {
          process.stdout.write(`${JSON.stringify({ patient: p, encounters: visits }, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `${p.name ?? '(no name)'} ${p.sex ?? ''} born ${p.dateOfBirth ?? '?'}: ${visits.length} encounters\n`,
        );
        for (const v of visits) {
          const follow = v.followUpDate ? `, follow-up ${v.followUpDate}` : '';
          process.stdout.write(
            `  ${v.visitDate}  ${v.classifications.join('; ')}${v.urgentReferral ? ' [URGENT REFERRAL]' : ''}${follow}  (${v.id})\n`,
          );
          for (const o of v.overrides) {
            process.stdout.write(
              `      overridden ${o.at.slice(0, 10)}: ${o.classificationId} -> ${o.replacement ?? '(removed)'}; reason: ${o.reason}\n`,
            );
          }
        }
      });
    });
}

/** `medassist override ENCOUNTER`: a doctor overrides a classification, with a reason. */
export function registerOverrideCommand(program: Command): void {
  program
    .command('override')
    .description('override a classification of a saved encounter (doctor only, with a reason)')
    .argument('<encounterId>', 'encounter id')
    .requiredOption('--classification <id>', 'classification id or name being overridden')
    .option('--replace-with <name>', 'the classification the doctor gives instead')
    .requiredOption('--reason <text>', 'why (10 characters or more)')
    .option(...keyFile)
    .action(
      async (
        encounterId: string,
        f: { classification: string; replaceWith?: string; reason: string; keyFile?: string },
      ) => {
        const { authorizeOverride } = await import('../../clinic/auth/index.js');
        await withClinic(f, (clinic) => {
          const actor = requireSession(clinic);
          const approval = authorizeOverride(actor, {
            classificationId: f.classification,
            reason: f.reason,
          });
          clinic.store.overrideClassification(
            encounterId,
            {
              classificationId: approval.classificationId,
              replacement: f.replaceWith ?? null,
              reason: approval.reason,
            },
            actor,
          );
          process.stdout.write(`override recorded on encounter ${encounterId}\n`);
        });
      },
    );
}
