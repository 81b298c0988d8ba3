/**
 * The drugs of the dosing formulary as the safety checker knows them. `sourceNames` are the
 * substance names the ANSM thesaurus and the ONC list use; the derive script matches on them.
 */
import type { Medicine } from './types.js';

/** Formulary drugs (ids equal the `drug` of src/clinical/dosing formulations). */
export const FORMULARY_MEDICINES: readonly Medicine[] = [
  {
    id: 'amoxicillin',
    name: 'Amoxicillin',
    synonyms: ['amoxicillin', 'amoxycillin', 'amox'],
    sourceNames: ['AMOXICILLIN'],
    allergyGroups: ['penicillin'],
  },
  {
    id: 'ampicillin',
    name: 'Ampicillin',
    synonyms: ['ampicillin'],
    sourceNames: ['AMPICILLIN'],
    allergyGroups: ['penicillin'],
  },
  {
    id: 'benzylpenicillin',
    name: 'Benzylpenicillin',
    synonyms: ['benzylpenicillin', 'penicillin g', 'crystalline penicillin', 'benzyl penicillin'],
    sourceNames: ['BENZYLPENICILLIN'],
    allergyGroups: ['penicillin'],
  },
  {
    id: 'cotrimoxazole',
    name: 'Cotrimoxazole (trimethoprim + sulfamethoxazole)',
    synonyms: [
      'cotrimoxazole',
      'co-trimoxazole',
      'trimethoprim-sulfamethoxazole',
      'sulfamethoxazole-trimethoprim',
      'tmp-smx',
      'smx-tmp',
      'tmp/smx',
    ],
    sourceNames: ['SULFAMETHOXAZOLE', 'TRIMETHOPRIM'],
    allergyGroups: ['sulfonamide'],
  },
  {
    id: 'ciprofloxacin',
    name: 'Ciprofloxacin',
    synonyms: ['ciprofloxacin', 'cipro'],
    sourceNames: ['CIPROFLOXACIN'],
    allergyGroups: ['quinolone'],
  },
  {
    id: 'gentamicin',
    name: 'Gentamicin',
    synonyms: ['gentamicin', 'gentamycin'],
    sourceNames: ['GENTAMICIN'],
    allergyGroups: ['aminoglycoside'],
  },
  {
    id: 'ceftriaxone',
    name: 'Ceftriaxone',
    synonyms: ['ceftriaxone'],
    sourceNames: ['CEFTRIAXONE'],
    allergyGroups: ['cephalosporin'],
  },
  {
    id: 'chloramphenicol',
    name: 'Chloramphenicol',
    synonyms: ['chloramphenicol'],
    sourceNames: ['CHLORAMPHENICOL'],
  },
  {
    id: 'artemether-lumefantrine',
    name: 'Artemether-lumefantrine',
    synonyms: ['artemether-lumefantrine', 'artemether lumefantrine', 'coartemether'],
    sourceNames: ['ARTEMETHER', 'LUMEFANTRINE'],
    allergyGroups: ['artemisinin'],
  },
  {
    id: 'artesunate',
    name: 'Artesunate (injection)',
    synonyms: ['artesunate', 'artesunate injection'],
    sourceNames: ['ARTESUNATE'],
    allergyGroups: ['artemisinin'],
  },
  // Rectal artesunate has its own id: its age limit (6 years) does not apply to the injection.
  {
    id: 'artesunate-rectal',
    name: 'Artesunate (rectal)',
    synonyms: ['rectal artesunate', 'artesunate suppository', 'artesunate rectal'],
    sourceNames: ['ARTESUNATE'],
    allergyGroups: ['artemisinin'],
  },
  {
    id: 'quinine',
    name: 'Quinine',
    synonyms: ['quinine', 'quinine dihydrochloride', 'quinine sulfate'],
    sourceNames: ['QUININE'],
  },
  {
    id: 'paracetamol',
    name: 'Paracetamol',
    synonyms: ['paracetamol', 'acetaminophen'],
    sourceNames: ['PARACETAMOL'],
  },
  {
    id: 'vitamin-a',
    name: 'Vitamin A (retinol)',
    synonyms: ['vitamin a', 'retinol', 'vit a'],
    sourceNames: ['VITAMIN A', 'RETINOL'],
  },
  {
    id: 'iron',
    name: 'Iron (ferrous salt, with folic acid)',
    synonyms: [
      'iron',
      'ferrous sulfate',
      'ferrous fumarate',
      'iron folate',
      'iron and folic acid',
      'ferrous sulfate folic acid',
      'iron syrup',
      'ifa',
    ],
    sourceNames: ['IRON'],
  },
  { id: 'zinc', name: 'Zinc', synonyms: ['zinc', 'zinc sulfate'], sourceNames: ['ZINC'] },
  {
    id: 'mebendazole',
    name: 'Mebendazole',
    synonyms: ['mebendazole'],
    sourceNames: ['MEBENDAZOLE'],
  },
  {
    id: 'albendazole',
    name: 'Albendazole',
    synonyms: ['albendazole'],
    sourceNames: ['ALBENDAZOLE'],
  },
  {
    id: 'diazepam',
    name: 'Diazepam',
    synonyms: ['diazepam'],
    sourceNames: ['DIAZEPAM'],
    allergyGroups: ['benzodiazepine'],
  },
  {
    id: 'salbutamol',
    name: 'Salbutamol',
    synonyms: ['salbutamol', 'albuterol'],
    sourceNames: ['SALBUTAMOL'],
  },
  {
    id: 'tetracycline-eye',
    name: 'Tetracycline eye ointment 1 %',
    synonyms: ['tetracycline eye ointment', 'tetracycline ointment', 'tetracycline eye'],
    allergyGroups: ['tetracycline'],
    topical: true,
  },
  {
    id: 'gentian-violet',
    name: 'Gentian violet',
    synonyms: ['gentian violet', 'crystal violet'],
    topical: true,
  },
  {
    id: 'quinolone-ear-drops',
    name: 'Quinolone ear drops',
    synonyms: ['quinolone ear drops', 'ciprofloxacin ear drops', 'ofloxacin ear drops'],
    allergyGroups: ['quinolone'],
    topical: true,
  },
  {
    id: 'ors',
    name: 'Oral rehydration salts',
    synonyms: ['ors', 'oral rehydration salts', 'oral rehydration solution'],
  },
  {
    id: 'ringers-lactate',
    name: "Ringer's lactate",
    synonyms: ["ringer's lactate", 'ringers lactate', 'hartmanns solution', 'lactated ringers'],
  },
  {
    id: 'normal-saline',
    name: 'Sodium chloride 0.9 %',
    synonyms: ['normal saline', 'sodium chloride 0.9%', 'saline'],
  },
  {
    id: 'rutf',
    name: 'Ready-to-use therapeutic food',
    synonyms: ['rutf', 'ready-to-use therapeutic food', 'therapeutic food'],
  },
  { id: 'sugar-water', name: 'Sugar water', synonyms: ['sugar water'] },
];
