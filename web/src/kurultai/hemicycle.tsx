// The chamber as a hemicycle: one dot per seat, rows proportional to their radius, seats filled
// party by party from left to right (the parliament-chart convention). A table gives the same
// numbers to screen readers.
import { formatNumber, useT } from '../i18n';

export interface PartySeats { party: string; seats: number; colour: string }

export function seatPositions(total: number): { x: number; y: number; angle: number }[] {
  if (total <= 0) return [];
  const rows = Math.max(1, Math.ceil(Math.sqrt(total / 4)));
  const inner = 0.4;
  const radii = Array.from({ length: rows }, (_, row) => inner + ((1 - inner) * (row + 0.5)) / rows);
  const sum = radii.reduce((a, b) => a + b, 0);
  const perRow = radii.map((radius) => Math.round((total * radius) / sum));
  let diff = total - perRow.reduce((a, b) => a + b, 0);
  for (let row = rows - 1; diff !== 0; row = (row + rows - 1) % rows) {
    perRow[row] += Math.sign(diff);
    diff -= Math.sign(diff);
  }
  const seats: { x: number; y: number; angle: number }[] = [];
  radii.forEach((radius, row) => {
    const count = perRow[row];
    for (let i = 0; i < count; i++) {
      const angle = count === 1 ? Math.PI / 2 : Math.PI - (Math.PI * i) / (count - 1);
      seats.push({ x: radius * Math.cos(angle), y: radius * Math.sin(angle), angle });
    }
  });
  return seats.sort((a, b) => b.angle - a.angle);
}

export function Hemicycle({ parties, title }: { parties: PartySeats[]; title: string }) {
  const t = useT();
  const total = parties.reduce((sum, party) => sum + party.seats, 0);
  const seats = seatPositions(total);
  const rows = Math.max(1, Math.ceil(Math.sqrt(total / 4)));
  const dot = Math.min(0.028, 0.45 / rows);
  let at = 0;
  const coloured = parties.flatMap((party) => Array.from({ length: party.seats }, () => party));
  return (
    <figure class="hemicycle">
      <svg viewBox="-1.05 -1.05 2.1 1.12" role="img" aria-labelledby="hemicycle-title">
        <title id="hemicycle-title">{title}</title>
        {seats.map((seat) => {
          const party = coloured[at++];
          return <circle cx={seat.x} cy={-seat.y} r={dot} fill={party?.colour ?? '#999'}><title>{party?.party}</title></circle>;
        })}
        <text x="0" y="-0.05" text-anchor="middle" font-size="0.16" font-weight="700" fill="currentColor">{formatNumber(total)}</text>
      </svg>
      <figcaption>
        <table class="table compact">
          <caption class="visually-hidden">{title}</caption>
          <thead><tr><th scope="col">{t('kurultai.party')}</th><th scope="col">{t('kurultai.seats')}</th></tr></thead>
          <tbody>{parties.map((party) => (
            <tr><th scope="row"><span class="swatch" style={{ background: party.colour }} aria-hidden="true" /> {party.party}</th><td>{formatNumber(party.seats)}</td></tr>
          ))}</tbody>
        </table>
      </figcaption>
    </figure>
  );
}
