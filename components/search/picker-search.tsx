"use client";
import { useId } from "react";

/** Lower case, accents stripped: the client's quick filter (the server's GET step also matches across scripts). */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f\u064b-\u0652\u0670]/g, "")
    .toLowerCase();

/**
 * The query box of a person or group picker. Without JavaScript it is a plain field of a GET form
 * (`?pq=`): the server narrows the picker's options. With JavaScript it also hides, as one types,
 * the options of the picker (`select[name=<field>]` inside the form marked `data-testid=<form>`)
 * whose label does not contain the words typed.
 */
export function PickerSearch({
  name,
  form,
  field,
  label,
  hint,
  defaultValue,
}: {
  name: string;
  form: string;
  field: string;
  label: string;
  hint: string;
  defaultValue?: string;
}) {
  const id = useId();
  const filter = (value: string) => {
    const select = document.querySelector<HTMLSelectElement>(`[data-testid="${form}"] select[name="${field}"]`);
    if (!select) return;
    const words = fold(value).split(/\s+/).filter(Boolean);
    for (const o of Array.from(select.options)) {
      const text = fold(o.text);
      o.hidden = o.value !== "" && !words.every((w) => text.includes(w));
    }
  };
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
        onInput={(e) => filter(e.currentTarget.value)}
        className="min-h-11 w-full rounded-md border border-slate-400 bg-white px-2"
        data-testid="picker-search"
      />
      <span id={`${id}-hint`} className="text-slate-700">
        {hint}
      </span>
    </label>
  );
}
