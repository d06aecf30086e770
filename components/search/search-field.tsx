"use client";
import { useId } from "react";

/**
 * A search field with its label and hint, a plain field of a GET form (it works without
 * JavaScript): the pickers' query boxes (components/search/picker-search.tsx,
 * components/people/merge-picker-input.tsx) differ only in what they do as one types.
 */
export function SearchField({
  name,
  label,
  hint,
  defaultValue,
  onInput,
  busy,
  testId,
}: {
  name: string;
  label: string;
  hint: string;
  defaultValue?: string;
  onInput: (value: string) => void;
  busy?: boolean;
  testId: string;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <input
        id={id}
        type="search"
        name={name}
        defaultValue={defaultValue}
        maxLength={100}
        dir="auto"
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        aria-busy={busy || undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
        className="min-h-11 w-full rounded-md border border-slate-400 bg-white px-2"
        data-testid={testId}
      />
      <span id={`${id}-hint`} className="text-slate-700">
        {hint}
      </span>
    </label>
  );
}
