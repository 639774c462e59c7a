import type { ReactNode } from "react";

export interface SuggestionView {
  score: number;
  summary: string;
  parts: { part: string; fit: number; weight: number; words: string }[];
  card: {
    userId: string;
    displayName: string;
    handle: string;
    title: string;
    organizationName: string | null;
    pitch: string;
    topics: string[];
    languages: string[];
    timeZone: string;
  };
}

const fitClass = (fit: number) => (fit >= 0.75 ? "fit-good" : fit < 0.34 ? "fit-poor" : undefined);

/** One ranked mentor: the score, why (in words), and what to do about it. */
export function SuggestionCard({ suggestion, rank, children }: { suggestion: SuggestionView; rank: number; children?: ReactNode }) {
  const { card } = suggestion;
  const headingId = `mentor-${card.userId}`;
  return (
    <li className="card suggestion" aria-labelledby={headingId}>
      <div className="suggestion-head">
        <h3 id={headingId}>
          {rank}. <a href={`/u/${card.handle}`}>{card.displayName}</a>
        </h3>
        <span className="score">
          {suggestion.score}
          <span className="visually-hidden"> out of 100</span>
          <span aria-hidden="true">/100</span>
        </span>
      </div>
      <p className="muted">
        {[card.title, card.organizationName, card.timeZone.replaceAll("_", " "), card.languages.join(", ")].filter(Boolean).join(" · ")}
      </p>
      {card.pitch ? <p>{card.pitch}</p> : null}
      <p className="visually-hidden">Why: {suggestion.summary}.</p>
      <ul className="breakdown" aria-hidden="true">
        {suggestion.parts.map((part) => (
          <li key={part.part} className={fitClass(part.fit)}>
            {part.words}
          </li>
        ))}
      </ul>
      {children}
    </li>
  );
}
