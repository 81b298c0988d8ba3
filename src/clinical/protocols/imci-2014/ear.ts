/**
 * Ear problem (imci-facts A.5). Mastoiditis is read first, then acute and chronic infection.
 */
import type { Group } from '../../engine/types.js';
import {
  act,
  all,
  always,
  any,
  give,
  gte,
  lt,
  no,
  param,
  recordedYes,
  row,
  yes,
} from '../build.js';
import { cb14 } from './cite.js';

// "Pus is seen draining from the ear and discharge is reported for less than 14 days": pus
// seen with no discharge reported is a discharge of less than 14 days (hpg-065).
const shortDischarge = any(no('ear_discharge'), lt('ear_discharge_days', param('chronicEarDays')));
const longDischarge = gte('ear_discharge_days', param('chronicEarDays'));

export const earGroup: Group = {
  id: 'ear',
  box: 'ear',
  title: 'Ear problem',
  entry: any(
    yes('ear_problem'),
    recordedYes('ear_pain'),
    recordedYes('ear_discharge'),
    recordedYes('pus_seen_draining_from_ear'),
    recordedYes('tender_swelling_behind_ear'),
  ),
  assess: [
    { key: 'ear_pain' },
    { key: 'ear_discharge' },
    { key: 'ear_discharge_days', when: yes('ear_discharge') },
    { key: 'pus_seen_draining_from_ear' },
    { key: 'tender_swelling_behind_ear' },
  ],
  rows: [
    row({
      id: 'ear.mastoiditis',
      name: 'MASTOIDITIS',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: yes('tender_swelling_behind_ear'),
      treatments: [
        give('ceftriaxone-im-prereferral', {
          phase: 'pre-referral',
          slot: 'prereferral-antibiotic',
        }),
        give('paracetamol-ear-pain', { phase: 'pre-referral', note: 'first dose for pain' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral'],
      citation: cb14('Ear problem, pink row', 'A.5'),
    }),
    row({
      id: 'ear.acute-ear-infection',
      name: 'ACUTE EAR INFECTION',
      severity: 'specific-treatment',
      when: any(yes('ear_pain'), all(yes('pus_seen_draining_from_ear'), shortDischarge)),
      treatments: [
        give('amoxicillin-ear-cb14', { phase: 'home' }),
        give('paracetamol-ear-pain', { when: yes('ear_pain'), phase: 'home' }),
        act('dry-ear-by-wicking', { when: yes('pus_seen_draining_from_ear'), phase: 'home' }),
      ],
      followUpDays: 5,
      counselling: [
        'counsel-wicking',
        'counsel-giving-oral-drugs-at-home',
        'counsel-when-to-return-immediately',
      ],
      citation: cb14('Ear problem, yellow row (acute)', 'A.5'),
    }),
    row({
      id: 'ear.chronic-ear-infection',
      name: 'CHRONIC EAR INFECTION',
      severity: 'specific-treatment',
      when: all(yes('pus_seen_draining_from_ear'), longDischarge),
      treatments: [
        act('dry-ear-by-wicking', { phase: 'home' }),
        give('quinolone-ear-drops', { phase: 'home' }),
      ],
      followUpDays: 5,
      counselling: ['counsel-wicking', 'counsel-when-to-return-immediately'],
      citation: cb14('Ear problem, yellow row (chronic)', 'A.5'),
    }),
    row({
      id: 'ear.no-ear-infection',
      name: 'NO EAR INFECTION',
      severity: 'home-care',
      when: always,
      counselling: ['counsel-when-to-return-immediately'],
      citation: cb14('Ear problem, green row', 'A.5'),
    }),
  ],
};
