/**
 * IMCI handbook 2005 for the young infant (1 week up to 2 months), as an overlay of the 2014
 * young-infant chart (imci-facts B.1-B.4, G13-G15).
 */
import { applyOverlay } from '../../engine/overlay.js';
import { act, any, atLeast, eq, give, gte, lt, oneOf, row, yes } from '../build.js';
import { youngInfant2014 } from '../imci-2014/young-infant.js';
import { hb05 } from './cite.js';

// The HB05 feeding table starts with a pink row: not able to feed (p.70, pdf p80, V).
const notAbleToFeed = row({
  id: 'hb05.not-able-to-feed',
  name: 'NOT ABLE TO FEED - POSSIBLE SERIOUS BACTERIAL INFECTION',
  classificationId: 'yi-not-able-to-feed-possible-serious-bacterial-infection',
  severity: 'urgent-referral',
  referral: 'urgent',
  when: any(yes('unable_to_drink_or_breastfeed'), eq('attachment', 'not_at_all')),
  treatments: [
    give('gentamicin-im-young-infant', { phase: 'pre-referral' }),
    give('benzylpenicillin-im-young-infant-hb05', { phase: 'pre-referral' }),
    act('keep-warm', { phase: 'pre-referral' }),
    act('refer-urgently', { phase: 'pre-referral' }),
  ],
  counselling: ['counsel-referral'],
  citation: hb05('Young infant: feeding problem, pink row (p.70)', 'B.4'),
});

const feedingRows2014 = youngInfant2014.groups.find((g) => g.id === 'yi-feeding')?.rows ?? [];

export const youngInfant2005 = applyOverlay(youngInfant2014, {
  id: 'imci-2005/young-infant',
  edition: 'imci-2005',
  document: 'WHO IMCI handbook 2005 (young infant)',
  groups: { 'yi-jaundice': null, 'yi-feeding': { rows: [notAbleToFeed, ...feedingRows2014] } },
  alwaysAsk: youngInfant2014.alwaysAsk.filter((item) => item.key !== 'jaundice'),
  rows: {
    'yi.very-severe-disease': {
      name: 'POSSIBLE SERIOUS BACTERIAL INFECTION',
      classificationId: 'yi-possible-serious-bacterial-infection',
      // HB05 p.64 (pdf p74) V: the twelve signs of possible serious bacterial infection.
      when: any(
        yes('convulsions_history'),
        gte('respiratory_rate', 60),
        yes('severe_chest_indrawing'),
        yes('nasal_flaring'),
        yes('grunting'),
        yes('bulging_fontanelle'),
        yes('pus_seen_draining_from_ear'),
        yes('fever'),
        gte('temperature_c', 37.5),
        lt('temperature_c', 35.5),
        eq('skin_pustules', 'many_or_severe'),
        yes('lethargic_or_unconscious'),
        yes('less_than_normal_movements'),
      ),
      treatments: [
        give('gentamicin-im-young-infant', { phase: 'pre-referral' }),
        give('benzylpenicillin-im-young-infant-hb05', { phase: 'pre-referral' }),
        act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
        act('keep-warm', { phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      citation: hb05('Young infant: possible bacterial infection, pink row (p.64)', 'B.1, G13'),
    },
    'yi.local-bacterial-infection': {
      when: any(
        yes('umbilicus_red_or_draining_pus'),
        oneOf('skin_pustules', ['some', 'many_or_severe']),
      ),
      citation: hb05('Young infant: local bacterial infection (p.64)', 'B.1'),
    },
    // HB05's possible-bacterial-infection table has no green row.
    'yi.severe-disease-or-local-infection-unlikely': null,
    'yi.severe-dehydration': {
      when: atLeast(
        2,
        yes('lethargic_or_unconscious'),
        yes('sunken_eyes'),
        eq('skin_pinch', 'very_slowly'),
      ),
      citation: hb05('Young infant: diarrhoea, pink row (p.65, p.71 form)', 'B.3'),
    },
  },
});
