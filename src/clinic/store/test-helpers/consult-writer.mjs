// Child process of the kill -9 test: saves consults in a loop and acknowledges each one on
// stdout only after its transaction committed. Uses the compiled build (npm test builds first).
import { openClinicDatabase } from '../../../../dist/clinic/store/database.js';
import { createClinicStore } from '../../../../dist/clinic/store/clinic-store.js';
import { runConsult } from '../../../../dist/clinic/consult/run-consult.js';
import { EDITIONS } from '../../../../dist/clinical/protocols/registry.js';

const [dbPath, keyHex, startAt] = process.argv.slice(2);
const key = Buffer.from(keyHex, 'hex');
const store = createClinicStore(openClinicDatabase(dbPath, key));
const edition = EDITIONS['imci-2014'];
let n = Number(startAt);
process.stdout.write('READY\n');
for (;;) {
  const id = `kill-${n}`;
  const input = {
    id,
    patient: { age_months: 6 + (n % 50), weight_kg: 7 + (n % 10) },
    findings: {
      cough_or_difficult_breathing: true,
      respiratory_rate: 30 + (n % 30),
      chest_indrawing: false,
      stridor: false,
      wheeze: false,
    },
  };
  const r = runConsult(input, { edition, visitDate: '2026-12-04' }, { store });
  process.stdout.write(`ACK ${id} ${r.saved.encounterId}\n`);
  n += 1;
}
