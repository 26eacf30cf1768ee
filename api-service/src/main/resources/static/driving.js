// The quality report of a driven face (reenact, animate) in plain words: how closely the output's
// mouth and eyes follow the driver's, and whether it still looks like the person.
import { element, rounded } from './common.js';

// dlib's scale, which face-api's recognition net shares: under about 0.6 is the same person.
const SAME_PERSON = 0.6;

/** `missing` says what was left as it was in frames that could not be driven; `cure` what to do when it does not follow. */
export function drivingReport(metrics, { missing, cure }) {
  const lines = [`Drove ${metrics.framesDriven} of ${metrics.frames} frames` +
    (metrics.framesDriven < metrics.frames ? ` (${missing}).` : '.')];
  const follows = (correlation) => (correlation > 0.7 ? 'follows closely' : correlation > 0.4 ? 'follows loosely' : `barely follows: ${cure}`);
  if (metrics.mouthCorrelation != null) {
    lines.push(`Mouth: the output's opening ${follows(metrics.mouthCorrelation)} the driver's (correlation ${rounded(metrics.mouthCorrelation, 2)} over the frames; 1 is perfect).`);
  }
  if (metrics.eyeCorrelation != null) {
    lines.push(`Eyes: ${follows(metrics.eyeCorrelation)} the driver's (correlation ${rounded(metrics.eyeCorrelation, 2)}).`);
  }
  if (metrics.meanIdentityDistance != null) {
    const distance = metrics.meanIdentityDistance;
    lines.push(`Identity distance to the person: ${rounded(distance, 2)} (under ${SAME_PERSON} reads as the same person): `
      + (distance < SAME_PERSON ? 'still looks like them.' : `drifts from them: ${cure}.`));
  }
  return lines;
}

/** The uploads of the face sets that pass `filter`, grouped by face set, as select options. */
export function uploadOptions(details, filter) {
  return details.filter((faceSet) => faceSet.media.some(filter)).map((faceSet) =>
    element('optgroup', { label: faceSet.name }, ...faceSet.media.filter(filter).map((media) => element('option', { value: media.id },
      `${media.name ?? media.id} (${media.format} ${(media.kind ?? '').toLowerCase()}${media.durationMs ? `, ${(media.durationMs / 1000).toFixed(1)} s` : ''})`))));
}
