"use client";

import { useState } from "react";

/** GitLab's "Filter by source group" box: applied on Enter, cleared at once. */
export function GroupsFilter({ value, onApply }: { value: string; onApply: (filter: string) => void }) {
  const [text, setText] = useState(value);
  return (
    <form
      role="search"
      className="flex"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(text.trim());
      }}
    >
      <label htmlFor="source-group-filter" className="sr-only">
        Filter by source group
      </label>
      <input
        id="source-group-filter"
        type="search"
        value={text}
        placeholder="Filter by source group"
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === "" && value !== "") onApply("");
        }}
        className="w-72 rounded-l-md border-0 px-3 py-1.5 text-sm shadow-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
      />
      <button
        type="submit"
        aria-label="Search"
        className="-ml-px rounded-r-md bg-white px-2.5 text-gray-600 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
          <circle cx="7" cy="7" r="4.5" />
          <path d="m10.5 10.5 3 3" strokeLinecap="round" />
        </svg>
      </button>
    </form>
  );
}
