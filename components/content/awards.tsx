export interface AwardItem {
  name: string;
  count: number;
}

// GitLab's names of the emoji people award most; anything else shows as `:name:`.
const EMOJI: Record<string, string> = {
  thumbsup: "👍",
  thumbsdown: "👎",
  "+1": "👍",
  "-1": "👎",
  drum: "🥁",
  tada: "🎉",
  heart: "❤️",
  smile: "😄",
  smiley: "😃",
  slight_smile: "🙂",
  laughing: "😆",
  joy: "😂",
  rocket: "🚀",
  eyes: "👀",
  fire: "🔥",
  100: "💯",
  clap: "👏",
  confused: "😕",
  thinking: "🤔",
  cry: "😢",
  ok_hand: "👌",
  pray: "🙏",
  muscle: "💪",
  raised_hands: "🙌",
  wave: "👋",
  star: "⭐",
  sparkles: "✨",
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  x: "❌",
  warning: "⚠️",
  bulb: "💡",
  bug: "🐛",
  coffee: "☕",
  beers: "🍻",
  sunglasses: "😎",
  upside_down: "🙃",
  slight_frown: "🙁",
  party_popper: "🎉",
};

export function emojiFor(name: string): string | undefined {
  return Object.hasOwn(EMOJI, name) ? EMOJI[name] : undefined;
}

/** Award emoji with their counts, as the reaction buttons under an epic or a note (read-only here). */
export function Awards({ awards, label }: { awards: AwardItem[]; label: string }) {
  if (awards.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={label}>
      {awards.map((award) => {
        const emoji = emojiFor(award.name);
        return (
          <li
            key={award.name}
            aria-label={`${award.name}: ${award.count}`}
            title={`:${award.name}:`}
            className="inline-flex items-center gap-1 rounded-full bg-white px-2 py-0.5 text-sm text-gray-700 ring-1 ring-inset ring-gray-200"
          >
            {emoji ? <span aria-hidden="true">{emoji}</span> : <span className="font-mono text-xs" aria-hidden="true">:{award.name}:</span>}
            <span aria-hidden="true" className="text-xs font-medium">{award.count}</span>
          </li>
        );
      })}
    </ul>
  );
}
