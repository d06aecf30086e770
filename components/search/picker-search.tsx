"use client";
import { SearchField } from "./search-field";

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
  const filter = (value: string) => {
    const select = document.querySelector<HTMLSelectElement>(`[data-testid="${form}"] select[name="${field}"]`);
    if (!select) return;
    const words = fold(value).split(/\s+/).filter(Boolean);
    for (const o of Array.from(select.options)) {
      const text = fold(o.text);
      o.hidden = o.value !== "" && !words.every((w) => text.includes(w));
    }
  };
  return <SearchField name={name} label={label} hint={hint} defaultValue={defaultValue} onInput={filter} testId="picker-search" />;
}
